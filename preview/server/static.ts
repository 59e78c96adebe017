import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string, type = TYPES['.txt']): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(text);
}

/** Sends `relative` from inside `folder`; a path that climbs out of the folder is not found. */
export function sendFile(response: ServerResponse, folder: string, relative: string): void {
  const file = path.resolve(folder, `.${path.posix.normalize(`/${decodeURIComponent(relative)}`)}`);
  if (!file.startsWith(path.resolve(folder) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    sendText(response, 404, `Not found: ${relative}`);
    return;
  }
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    // Plugins are rebuilt while the preview runs; never serve a stale module.js.
    'cache-control': 'no-cache',
  });
  fs.createReadStream(file).pipe(response);
}
