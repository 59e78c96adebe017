/**
 * The server side of the memory benchmark, in its own process so its heap is measured alone: the simulator
 * at 20 cars on a real server, with a clock running `speed` times faster than the wall clock.
 */
import { startServer } from '../packages/reference-server/src';
import { createSimulatorSource } from '../packages/reference-server/src/simulator';
import { gc } from './table';

const cars = Number(process.env.CARS ?? 20);
const speed = Number(process.env.SPEED ?? 30);
const windowMs = Number(process.env.WINDOW_MS ?? 10 * 60 * 1000);

async function main() {
  const wallStart = Date.now();
  const simStart = wallStart - 60_000;
  const clock = () => simStart + 60_000 + (Date.now() - wallStart) * speed;
  const source = createSimulatorSource({ seed: 11, startTime: simStart, cars, now: clock() });
  const server = await startServer({ port: 0, sessions: [source], resumeWindowMs: windowMs, clock });
  process.send!({ type: 'ready', url: server.url, simStart });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'measure') {
      gc();
      const usage = process.memoryUsage();
      process.send!({
        type: 'memory',
        simTime: clock() - simStart,
        heapUsed: usage.heapUsed,
        arrayBuffers: usage.arrayBuffers,
        rss: usage.rss,
      });
    }
    if (message.type === 'stop') void server.close().then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
