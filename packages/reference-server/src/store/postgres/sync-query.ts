/**
 * Synchronous SQL for the few synchronous reads of the SessionSource contract (a batch by seq for a subscriber or a
 * replay, a short range, one value): a worker thread owns a connection and runs the query while the caller waits on
 * an Atomics flag. These reads are one block or a few; history and everything large goes through the pool,
 * asynchronously.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, flag, url } = workerData;
const client = new pg.Client({ connectionString: url });
let connected;
const connect = () => (connected ??= client.connect().catch((error) => { connected = undefined; throw error; }));
client.on('error', () => { connected = undefined; });
port.on('message', async ({ text, values }) => {
  try {
    await connect();
    const result = await client.query({ text, values });
    port.postMessage({ rows: result.rows });
  } catch (error) {
    port.postMessage({ error: error.message });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

const TIMEOUT_MS = 30_000;

export class SyncQuery {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor(url: string) {
    const { port1, port2 } = new MessageChannel();
    const pgPath = createRequire(__filename).resolve('pg');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { url, port: port2, flag: this.flag, pgPath },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
  }

  query<T = Record<string, unknown>>(text: string, values: unknown[]): T[] {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ text, values });
    if (Atomics.wait(this.flag, 0, 0, TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the session store did not answer within ${TIMEOUT_MS / 1000} s`);
    }
    const reply = receiveMessageOnPort(this.port)?.message as { rows?: T[]; error?: string } | undefined;
    if (!reply) throw new Error('the session store worker gave no answer');
    if (reply.error !== undefined) throw new Error(`session store: ${reply.error}`);
    // Buffers arrive as plain Uint8Arrays.
    return reply.rows!;
  }

  async close(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}
