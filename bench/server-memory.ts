/**
 * Server memory over twice the resume window, in accelerated time, with a client streaming every channel
 * of every car. Once the window is full, memory must stay flat: growth ≤ 5% after GC.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { ROOT } from './root';
import { printTable } from './table';

const WINDOW_MS = 10 * 60 * 1000;
const SPEED = 30;

interface Memory {
  simTime: number;
  heapUsed: number;
  arrayBuffers: number;
  rss: number;
}

export async function runServerMemoryBench(): Promise<void> {
  const child = fork(path.join(ROOT, 'bench', 'server-memory-child.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, CARS: '20', SPEED: String(SPEED), WINDOW_MS: String(WINDOW_MS) },
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const listener = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', listener);
        resolve(message as T);
      };
      child.on('message', listener);
    });
  const ready = await next<{ url: string; simStart: number }>('ready');

  const client = new WebSocket(ready.url);
  let batches = 0;
  client.on('message', (data, isBinary) => {
    if (isBinary) batches++;
  });
  await new Promise((resolve) => client.once('open', resolve));
  client.send(JSON.stringify({ type: 'hello', protocol: 1, encoding: 'binary' }));
  client.send(JSON.stringify({ type: 'subscribe', id: 's', subscription: 'all' }));

  const measureAt = async (simMs: number): Promise<Memory> => {
    const waitMs = (simMs - 60_000) / SPEED;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs - (Date.now() - started))));
    child.send({ type: 'measure' });
    return next<Memory>('memory');
  };
  const started = Date.now();
  const full = await measureAt(60_000 + WINDOW_MS);
  const twice = await measureAt(60_000 + 2 * WINDOW_MS);
  client.close();
  child.send({ type: 'stop' });

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const total = (m: Memory) => m.heapUsed + m.arrayBuffers;
  const growth = (total(twice) - total(full)) / total(full);
  printTable(
    `Server memory, 20 cars × 100 Hz, resume window ${WINDOW_MS / 60000} min, clock at ${SPEED}× (${batches} batches streamed)`,
    [
      { what: 'heap + buffers after GC, window full', figure: mb(total(full)), peer: `rss ${mb(full.rss)}` },
      {
        what: 'heap + buffers after GC, 2× window',
        figure: mb(total(twice)),
        peer: `window full ${mb(total(full))}`,
        ratio: `${(growth * 100).toFixed(1)}% growth`,
        target: '≤ 5% growth',
        pass: growth <= 0.05,
      },
    ],
  );
}
