export function startServerArgs(given: string[]): { serverArgs: string[]; telemetryPort: string };
