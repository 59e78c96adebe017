import { ProtocolError } from '@eracing/telemetry-core/codec';
import type { SessionSource } from '../source';

function pick(
  requested: readonly string[] | undefined,
  available: readonly string[],
  code: 'unknown_car' | 'unknown_channel',
  what: string,
): string[] {
  if (requested === undefined) return [...available];
  const known = new Set(available);
  const unknown = requested.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ProtocolError(code, `Unknown ${what}: ${unknown.join(', ')}; the session has ${available.join(', ')}`, {
      unknown,
      available,
    });
  }
  return [...new Set(requested)];
}

/** The requested cars (all when omitted), deduplicated; unknown ids are rejected with the available ones. */
export function selectCars(source: SessionSource, cars: readonly string[] | undefined): string[] {
  return pick(
    cars,
    source.cars.map((car) => car.id),
    'unknown_car',
    cars?.length === 1 ? 'car' : 'cars',
  );
}

/** The requested channels (all when omitted), deduplicated; unknown names are rejected with the available ones. */
export function selectChannels(source: SessionSource, channels: readonly string[] | undefined): string[] {
  return pick(
    channels,
    source.channels.map((channel) => channel.name),
    'unknown_channel',
    'channels',
  );
}

/** Keeps events of the given cars; session-wide events (no car, such as flags) concern every car. */
export function concernsCars<T extends { car?: string }>(event: T, cars: ReadonlySet<string> | null): boolean {
  return !cars || event.car === undefined || cars.has(event.car);
}
