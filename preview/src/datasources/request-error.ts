/** The message of a failed request: the server's own `message`, else the HTTP status. */
export function errorMessage(error: unknown): string {
  const { data, message } = (error ?? {}) as { data?: { message?: string }; message?: string };
  return data?.message ?? message ?? String(error);
}
