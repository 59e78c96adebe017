import type { IncomingMessage } from 'node:http';

import { ImportError } from './dashboard-import';

export function readBody(request: IncomingMessage): Promise<string> {
  return readRaw(request).then((raw) => raw.toString('utf8'));
}

export function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1 << 20) request.destroy(new Error('request body over 1 MiB'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The body as JSON; invalid JSON is a 400 with Grafana's message. */
export async function readJsonBody<T>(request: IncomingMessage): Promise<T> {
  const text = await readBody(request);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ImportError(400, `Invalid JSON: ${(error as Error).message}`);
  }
}
