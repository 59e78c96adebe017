import type { TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { startServer, type RunningServer, type ServerOptions } from '../../src';
import { FIXTURE_START, FixtureSource, SAMPLE_MS, type FixtureOptions } from '../fixtures/fixture-source';
import { ManualClock } from './clock';

/** Servers started by a test file; `stopAll` in afterEach closes them. */
const running = new Set<RunningServer>();

export async function serve(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const clock = new ManualClock(FIXTURE_START + 60_000);
  const server = await startServer({ sessions: [new FixtureSource()], clock: clock.read, ...options });
  running.add(server);
  const close = server.close;
  server.close = () => {
    running.delete(server);
    return close();
  };
  return server;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.close()));
}

/** A live fixture session and a hand-driven clock `seconds` into it. */
export function liveFixture(seconds = 60, options: FixtureOptions = {}) {
  const clock = new ManualClock(FIXTURE_START + seconds * 1000);
  return { clock, source: new FixtureSource(options) };
}

/**
 * Asserts that the batches are one unbroken stream: seqs consecutive, and for each car the first sample of each batch
 * follows the last sample of the batch before by exactly one sample period.
 */
export function expectUnbroken(batches: readonly TelemetryBatch[], firstSeq: number): void {
  const lastTime = new Map<string, number>();
  batches.forEach((batch, k) => {
    if (batch.seq !== firstSeq + k) throw new Error(`batch ${k} has seq ${batch.seq}, expected ${firstSeq + k}`);
    for (const run of batch.cars) {
      const before = lastTime.get(run.car);
      const first = batch.time[run.start];
      if (before !== undefined && first !== before + SAMPLE_MS) {
        throw new Error(
          `car ${run.car}: seq ${batch.seq} starts at ${first}, ${first - before} ms after the previous sample`,
        );
      }
      for (let i = run.start + 1; i < run.start + run.length; i++) {
        if (batch.time[i] !== batch.time[i - 1] + SAMPLE_MS)
          throw new Error(`car ${run.car}: gap inside seq ${batch.seq}`);
      }
      lastTime.set(run.car, batch.time[run.start + run.length - 1]);
    }
  });
}
