/** What the panel says besides the views: why there is nothing to show, the footer's status and what is missing. */
import type { TyreData } from './frames';
import type { HeatmapModel } from './heatmap-model';

export interface PanelMessage {
  title: string;
  text: string;
}

function lookedForMessage(data: TyreData): string {
  const { mapping } = data;
  const naming = mapping.preset ? '' : ' (or the MoTeC LFtempL and tyre_fl_left namings)';
  return (
    `This panel looked for tyre surface temperatures ${mapping.missingTemperatures.join(', ')}${naming} and found none` +
    `${data.car ? ` for car ${data.car}` : ''}. Choose a naming preset or map the fields in the panel options.`
  );
}

/** Why neither view can be drawn: the chosen car is not in the data, or no tyre channel is. */
export function emptyMessage(tyres: TyreData, car: string): PanelMessage | undefined {
  if (car && !tyres.telemetry && !tyres.laps?.rows.length) {
    const text = tyres.cars.length
      ? `The data has cars ${tyres.cars.join(', ')}. Check the panel's Car option and the query.`
      : 'The query returned no telemetry frames and no laps table.';
    return { title: `No data for car ${car}`, text };
  }
  if (tyres.mapping.zoneCount === 0) return { title: 'No tyre channels', text: lookedForMessage(tyres) };
  return undefined;
}

export const NO_TELEMETRY: PanelMessage = {
  title: 'No telemetry frame',
  text:
    'The car view needs a telemetry frame with a time field and the tyre channels; the query returned only a laps ' +
    'table. Use a live or history telemetry query, or switch the panel to the heatmap.',
};

export const NO_COLUMNS: PanelMessage = {
  title: 'No laps yet',
  text:
    'The heatmap needs a laps table with tyre aggregates (a Laps query with the tyre channels as aggregates), or a ' +
    'telemetry frame with a lap field; with time-bucket columns, a telemetry frame.',
};

/** The channels looked for and not found, for the footer. */
export function missingChannels(tyres: TyreData): string[] {
  return [...tyres.mapping.missingTemperatures, ...tyres.mapping.missingManual];
}

export function carLabel(tyres: TyreData): string {
  return tyres.car ? `car ${tyres.car}` : '';
}

/** The car view's status: a text, or a clock at the time shown. */
export type CarStatus = { text: string } | { label: 'live' | 'cursor'; time: number; format: string };

export function carStatus(time: number | undefined, following: number | undefined): CarStatus {
  if (time === undefined) {
    return { text: following === undefined ? 'no sample yet' : 'no sample at or before the cursor' };
  }
  // Live, the clock to the second: the footer then changes once a second, not with every emission.
  if (following === undefined) return { label: 'live', time: Math.floor(time / 1000) * 1000, format: 'HH:mm:ss' };
  return { label: 'cursor', time, format: 'HH:mm:ss.SSS' };
}

export function heatmapStatus(tyres: TyreData, heatmap: HeatmapModel): string {
  const { labels } = heatmap;
  return [carLabel(tyres), labels.value, labels.count(heatmap.columns.length), `from ${heatmap.source}`]
    .filter(Boolean)
    .join(' · ');
}
