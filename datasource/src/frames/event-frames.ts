/**
 * Race events as one frame in Grafana's annotation shape (`time`, `timeEnd`, `text`, `tags`, `color`), with the
 * race detail beside them (`car`, `kind`, `lap`, `sector`, `duration`, `flag`). A pit stop spans from pit entry to
 * pit exit and a yellow, safety-car or red flag until the next flag, so annotations draw them as regions.
 */
import { carColour } from '@eracing/telemetry-core/channels';
import { FRAME_NAMES } from '@eracing/telemetry-core/frames';
import { type RaceEvent } from '@eracing/telemetry-core/protocol';
import { FieldType, type DataFrame, type QueryResultMeta } from '@grafana/data';

import { nullable, tableFrameType } from './frame-types';

const FLAG_COLOURS: Record<string, string> = {
  green: '#73bf69',
  yellow: '#fade2a',
  safety_car: '#ff9830',
  red: '#f2495c',
  chequered: '#ccccdc',
};
const PIT_COLOUR = '#8ab8ff';

function colourOf(event: RaceEvent): string {
  if (event.kind === 'flag') return FLAG_COLOURS[event.flag ?? ''] ?? '#ccccdc';
  if (event.kind === 'pit_in' || event.kind === 'pit_out') return PIT_COLOUR;
  return event.car === undefined ? '#ccccdc' : carColour(event.car);
}

/** End of the span an event opens: pit entry until that car's pit exit, a caution flag until the next flag. */
function spanEnds(events: readonly RaceEvent[]): Array<number | null> {
  return events.map((event, i) => {
    const opensSpan =
      event.kind === 'pit_in' || (event.kind === 'flag' && event.flag !== 'green' && event.flag !== 'chequered');
    if (!opensSpan) return null;
    for (let j = i + 1; j < events.length; j++) {
      const later = events[j];
      if (event.kind === 'pit_in' && later.kind === 'pit_out' && later.car === event.car) return Math.round(later.time);
      if (event.kind === 'flag' && later.kind === 'flag') return Math.round(later.time);
    }
    return null;
  });
}

export function eventTags(event: RaceEvent): string[] {
  const tags: string[] = [event.kind];
  tags.push(event.car === undefined ? 'session' : `car ${event.car}`);
  if (event.flag) tags.push(event.flag);
  return tags;
}

/** Events sorted by time, as one frame named `events`. */
export function eventFrame(events: readonly RaceEvent[], refId: string, meta?: QueryResultMeta): DataFrame {
  const sorted = [...events].sort((a, b) => a.time - b.time);
  const column = <T>(read: (event: RaceEvent) => T) => sorted.map(read);
  const frame: DataFrame = {
    name: FRAME_NAMES.events,
    refId,
    length: sorted.length,
    fields: [
      { name: 'time', type: FieldType.time, config: {}, values: column((e) => Math.round(e.time)) },
      nullable({ name: 'timeEnd', type: FieldType.time, config: {}, values: spanEnds(sorted) }, 'time.Time'),
      { name: 'text', type: FieldType.string, config: {}, values: column((e) => e.text) },
      { name: 'tags', type: FieldType.other, config: {}, values: column(eventTags) },
      { name: 'color', type: FieldType.string, config: {}, values: column(colourOf) },
      nullable({ name: 'car', type: FieldType.string, config: {}, values: column((e) => e.car ?? null) }, 'string'),
      { name: 'kind', type: FieldType.string, config: {}, values: column((e) => e.kind) },
      nullable({ name: 'lap', type: FieldType.number, config: {}, values: column((e) => e.lap ?? null) }, 'float64'),
      nullable(
        { name: 'sector', type: FieldType.number, config: {}, values: column((e) => e.sector ?? null) },
        'float64',
      ),
      nullable(
        { name: 'duration', type: FieldType.number, config: { unit: 's' }, values: column((e) => e.duration ?? null) },
        'float64',
      ),
      nullable({ name: 'flag', type: FieldType.string, config: {}, values: column((e) => e.flag ?? null) }, 'string'),
    ],
  };
  frame.meta = { ...tableFrameType(), ...meta };
  return frame;
}
