/** History queries: a time range (optionally decimated to maxPoints) or whole laps at full resolution. */
import { ProtocolError } from '@eracing/telemetry-core/codec';
import { bestValidLap } from '@eracing/telemetry-core/laps';
import {
  type Encoding,
  type LapRecord,
  type QueryRequest,
  type SampleBatch,
  type ServerLimits,
} from '@eracing/telemetry-core/protocol';
import type { SessionFeed } from './feed';
import { historyOf } from '../store/history';
import { sliceRows } from './rows';
import { selectCars, selectChannels } from './selection';
import type { Sink } from './sink';

interface Span {
  car: string;
  from: number;
  to: number;
}

interface QueryPlan {
  cars: string[];
  channels: string[];
  spans: Span[];
  /** Decimate each car's rows to at most this many. */
  maxPoints?: number;
  /** Full-resolution rows allowed per car. */
  rowCap?: number;
}

function timePlan(
  request: QueryRequest,
  feed: SessionFeed,
  limits: ServerLimits,
  cars: string[],
  channels: string[],
): QueryPlan {
  const { from, to } = request;
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ProtocolError('bad_range', `The range [${from}, ${to}) is empty or reversed`, { from, to });
  }
  const start = feed.source.summary.startTime;
  const end = feed.dataEnd();
  const a = Math.max(from ?? start, start);
  const b = Math.min(to ?? end, end);
  const spans = b > a ? cars.map((car) => ({ car, from: a, to: b })) : [];
  if (request.maxPoints !== undefined) {
    return { cars, channels, spans, maxPoints: Math.min(request.maxPoints, limits.maxPoints) };
  }
  return { cars, channels, spans, rowCap: limits.maxLapRows };
}

function chosenLaps(laps: LapRecord[], selection: NonNullable<QueryRequest['laps']>): LapRecord[] {
  if (selection === 'best') {
    const best = bestValidLap(laps.filter((lap) => lap.endTime !== undefined));
    return best ? [best] : [];
  }
  if (Array.isArray(selection)) {
    const wanted = new Set(selection);
    return laps.filter((lap) => wanted.has(lap.lap));
  }
  // Completed laps only: a lap cut by the end of a recording has an end but no lap time.
  return laps.filter((lap) => lap.endTime !== undefined && lap.lapTime !== undefined).slice(-selection.last);
}

/**
 * Laps by number, the best valid lap, or the last n completed laps, per car. A lap in progress is read up to the
 * newest complete batch. maxPoints does not apply: lap comparison needs every sample.
 */
function lapPlan(
  request: QueryRequest,
  feed: SessionFeed,
  limits: ServerLimits,
  now: number,
  cars: string[],
  channels: string[],
): QueryPlan {
  const selection = request.laps!;
  const laps = feed.source.laps(now);
  const end = feed.dataEnd();
  const spans: Span[] = [];
  for (const car of cars) {
    for (const lap of chosenLaps(
      laps.filter((l) => l.car === car),
      selection,
    )) {
      const to = lap.endTime ?? end;
      if (to > lap.startTime) spans.push({ car, from: lap.startTime, to });
    }
  }
  if (spans.length === 0 && Array.isArray(selection)) {
    throw new ProtocolError('bad_range', `No car has lap ${selection.join(', ')}`, { laps: selection, cars });
  }
  return { cars, channels, spans, rowCap: limits.maxLapRows };
}

function tooManyRows(car: string, rows: number, limit: number, estimated = false): ProtocolError {
  const what = estimated ? `about ${Math.round(rows)}` : `${rows}`;
  return new ProtocolError(
    'too_many_rows',
    `The query would return ${what} rows for car ${car}; the limit is ${limit} per car. ` +
      'Narrow the range or set maxPoints.',
    { car, rows: Math.round(rows), limit, estimated },
  );
}

/** Rejects before sending anything when the nominal sample rate says a car would exceed the row cap. */
function checkEstimate(plan: QueryPlan, feed: SessionFeed): void {
  if (plan.rowCap === undefined) return;
  const rateHz = Math.max(0, ...feed.source.channels.map((channel) => channel.rateHz));
  if (!(rateHz > 0)) return;
  const perCar = new Map<string, number>();
  for (const span of plan.spans)
    perCar.set(span.car, (perCar.get(span.car) ?? 0) + ((span.to - span.from) / 1000) * rateHz);
  for (const [car, rows] of perCar) {
    // Nominal rates are approximate; only a clear excess is refused up front, the exact count is checked per car.
    if (rows > plan.rowCap * 1.05 + 10) throw tooManyRows(car, rows, plan.rowCap, true);
  }
}

function bytesPerRow(batch: SampleBatch, channels: readonly string[], encoding: Encoding): number {
  if (encoding === 'json') return 16 * (channels.length + 1);
  return 8 + channels.reduce((sum, name) => sum + batch.channels[name].BYTES_PER_ELEMENT, 0);
}

function rowsIn(batch: SampleBatch): number {
  return batch.time.length;
}

/** One car's rows of the plan, decimated when it asks for maxPoints. */
async function carBatches(
  plan: QueryPlan,
  feed: SessionFeed,
  car: string,
): Promise<{ batches: SampleBatch[]; decimated: boolean }> {
  const history = historyOf(feed.source);
  const batches: SampleBatch[] = [];
  let decimated = false;
  for (const span of plan.spans) {
    if (span.car !== car) continue;
    if (plan.maxPoints !== undefined) {
      const result = await history.decimated(car, span.from, span.to, plan.channels, plan.maxPoints);
      decimated ||= result.decimated;
      batches.push(result.batch);
    } else {
      batches.push(await history.rows(car, span.from, span.to, plan.channels));
    }
  }
  if (plan.rowCap !== undefined) {
    const rows = batches.reduce((sum, batch) => sum + rowsIn(batch), 0);
    if (rows > plan.rowCap) throw tooManyRows(car, rows, plan.rowCap);
  }
  return { batches, decimated };
}

/** Streams a query's answer as data messages tagged with its id, paced by the client's reading, then `complete`. */
export async function runQuery(
  request: QueryRequest,
  feed: SessionFeed,
  sink: Sink,
  context: { limits: ServerLimits; now: number; encoding: Encoding },
): Promise<void> {
  const cars = selectCars(feed.source, request.cars);
  const channels = selectChannels(feed.source, request.channels);
  const plan =
    request.laps !== undefined
      ? lapPlan(request, feed, context.limits, context.now, cars, channels)
      : timePlan(request, feed, context.limits, cars, channels);
  checkEstimate(plan, feed);

  const { softBytes } = sink.slowClient;
  const targetBytes = Math.min(1024 * 1024, Math.max(16 * 1024, softBytes / 4));
  const header = { session: feed.id, epoch: feed.epoch, query: request.id };
  let rows = 0;
  let messages = 0;
  let anyDecimated = false;
  for (const car of plan.cars) {
    const { batches, decimated } = await carBatches(plan, feed, car);
    anyDecimated ||= decimated;
    for (const batch of batches) {
      const total = rowsIn(batch);
      const chunk = Math.max(256, Math.floor(targetBytes / bytesPerRow(batch, channels, context.encoding)));
      for (let start = 0; start < total; start += chunk) {
        if (!(await sink.drain(softBytes / 2))) return;
        const end = Math.min(total, start + chunk);
        const part = start === 0 && end === total ? batch : sliceRows(batch, start, end);
        sink.sendBatch(decimated ? { ...part, ...header, decimated } : { ...part, ...header });
        rows += end - start;
        messages++;
      }
    }
  }
  if (!sink.open) return;
  sink.send({ type: 'complete', id: request.id, session: feed.id, rows, batches: messages, decimated: anyDecimated });
}
