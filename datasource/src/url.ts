const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Why `url` cannot be used as the telemetry server's address, or undefined when it can. */
export function serverUrlProblem(url: string | undefined): string | undefined {
  const text = url?.trim() ?? '';
  if (text === '') return 'The server URL is not set.';
  const scheme = SCHEME.exec(text)?.[1].toLowerCase();
  if (!scheme) return 'The server URL must start with ws:// or wss://.';
  if (scheme !== 'ws' && scheme !== 'wss') return `The server URL must start with ws:// or wss://, not ${scheme}://.`;
  try {
    new URL(text);
  } catch {
    return `"${text}" is not a valid URL.`;
  }
  return undefined;
}
