/** Types of build-backend.cjs, for the TypeScript that shares its rules (the preview's plugin host). */
export function findGo(): string | undefined;
/** This machine as Go names it, `<os>/<arch>`; throws for a platform Grafana ships no backend for. */
export function hostPlatform(): string;
/** `<executable>_<os>_<arch>` (`.exe` on Windows), as Grafana runs it. */
export function binaryName(executable: string, platform: string): string;
export const PLATFORMS: string[];
export const GO_FALLBACK: string;
