import type { DataFrame } from '@grafana/data';

/** A fingerprint of the frames' shape: field names, types and labels, not values. */
export function structureOf(series: DataFrame[]): string {
  return series
    .map((frame) =>
      [
        frame.refId,
        frame.name,
        ...frame.fields.map((f) => `${f.name}:${f.type}:${JSON.stringify(f.labels ?? {})}`),
      ].join(','),
    )
    .join('|');
}

/**
 * PanelData.structureRev as Grafana's PanelQueryRunner keeps it: bumped only when the shape changes, so that a
 * streaming panel redraws its values without rebuilding its plot.
 */
export class StructureRevision {
  private last = '';
  private revision = 0;

  of(series: DataFrame[]): number {
    const structure = structureOf(series);
    if (structure !== this.last) {
      this.last = structure;
      this.revision++;
    }
    return this.revision;
  }
}
