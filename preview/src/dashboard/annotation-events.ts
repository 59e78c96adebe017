/**
 * Annotation frames to events and back, as Grafana does: the datasource's frames read into AnnotationEvents by field
 * name (Grafana's getAnnotationsFromData), each event given its annotation's colour, name and region
 * (translateQueryResult), kept for the panels its filter names, and handed to a panel as one frame of
 * `PanelData.annotations` (arrayToDataFrame, data topic `annotations`).
 */
import {
  AnnotationEventFieldSource,
  arrayToDataFrame,
  DataTopic,
  FieldType,
  getFieldDisplayName,
  type AnnotationEvent,
  type AnnotationEventMappings,
  type AnnotationQuery,
  type DataFrame,
  type Field,
  type PanelData,
} from '@grafana/data';

/** Grafana's DEFAULT_ANNOTATION_COLOR. */
const DEFAULT_COLOR = 'rgba(0, 211, 255, 1)';

interface EventField {
  key: keyof AnnotationEvent;
  /** The field used when none has the key's name. */
  fallback?: (frame: DataFrame) => Field | undefined;
  split?: boolean;
}

/** The keys Grafana's standard annotation support reads from a frame (annotationEventNames). */
const EVENT_FIELDS: EventField[] = [
  { key: 'time', fallback: (frame) => frame.fields.find((f) => f.type === FieldType.time) },
  { key: 'timeEnd' },
  { key: 'title' },
  { key: 'text', fallback: (frame) => frame.fields.find((f) => f.type === FieldType.string) },
  { key: 'tags', split: true },
  { key: 'id' },
];

function eventsOfFrame(frame: DataFrame, mappings: AnnotationEventMappings): AnnotationEvent[] {
  const byName = new Map(frame.fields.map((f) => [getFieldDisplayName(f, frame).toLowerCase(), f]));
  const readers: Array<{ key: keyof AnnotationEvent; split?: boolean; value: (row: number) => unknown }> = [];
  for (const { key, fallback, split } of EVENT_FIELDS) {
    const mapping = mappings[key] ?? {};
    if (mapping.source === AnnotationEventFieldSource.Skip) continue;
    if (mapping.source === AnnotationEventFieldSource.Text) {
      readers.push({ key, split, value: () => mapping.value });
      continue;
    }
    const field = byName.get((mapping.value || key).toLowerCase()) ?? fallback?.(frame);
    if (field) readers.push({ key, split, value: (row) => field.values[row] });
  }
  // Grafana logs "Cannot process annotation fields. No time or text present." and draws nothing.
  if (!readers.some((r) => r.key === 'time') || !readers.some((r) => r.key === 'text')) return [];
  return Array.from({ length: frame.length }, (_, row) => {
    const event: Record<string, unknown> = { type: 'default', color: 'red' };
    for (const { key, split, value } of readers) {
      const v = value(row);
      if (v !== null && v !== undefined) event[key] = split && typeof v === 'string' ? v.split(',') : v;
    }
    return event as AnnotationEvent;
  });
}

/** Grafana's getAnnotationsFromData: the events of every frame (Grafana merges same-shaped frames first). */
export function annotationsFromFrames(frames: DataFrame[], mappings: AnnotationEventMappings = {}): AnnotationEvent[] {
  return frames.flatMap((frame) => eventsOfFrame(frame, mappings));
}

/** Grafana's translateQueryResult: the annotation's colour, name and source on each event; a span is a region. */
export function translateQueryResult(
  annotation: AnnotationQuery,
  events: AnnotationEvent[],
  colorByName: (color: string) => string,
): AnnotationEvent[] {
  const color = colorByName(annotation.iconColor || DEFAULT_COLOR);
  return events.map((event) => ({
    ...event,
    source: annotation,
    color,
    type: annotation.name,
    isRegion: Boolean(event.timeEnd && event.time !== event.timeEnd),
  }));
}

/** Grafana's getAnnotationsByPanelId: an annotation's panel filter includes or excludes panels by id. */
export function annotationsForPanel(events: AnnotationEvent[], panelId: number): AnnotationEvent[] {
  return events.filter((event) => {
    const filter = (event.source as AnnotationQuery | undefined)?.filter;
    if (!filter) return true;
    const listed = (filter.ids ?? []).includes(panelId);
    return filter.exclude ? !listed : listed;
  });
}

/** The events as one frame of the annotations topic; its fields are every key any event has. */
export function annotationFrame(events: AnnotationEvent[]): DataFrame {
  const names = [...new Set(events.flatMap((event) => Object.keys(event)))];
  const frame = arrayToDataFrame(events as Array<Record<string, unknown>>, names);
  frame.meta = { ...frame.meta, dataTopic: DataTopic.Annotations };
  return frame;
}

/** Grafana's mergePanelAndDashData: the dashboard's annotations after the panel's own, when there are any. */
export function withDashboardAnnotations(data: PanelData, events: AnnotationEvent[]): PanelData {
  if (events.length === 0) return data;
  return { ...data, annotations: [...(data.annotations ?? []), annotationFrame(events)] };
}
