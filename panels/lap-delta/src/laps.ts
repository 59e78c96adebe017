import { type DataFrame, type Field, FieldType } from '@grafana/data';

export interface LapFrame {
  frame: DataFrame;
  /** Distinct lap numbers in the frame, ascending. */
  laps: number[];
}

function numberField(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((field) => field.name === name && field.type === FieldType.number);
}

/** The frames that carry both `lap` and `lap_distance`, with the laps each one covers. */
export function findLapFrames(series: readonly DataFrame[]): LapFrame[] {
  return series.flatMap((frame): LapFrame[] => {
    const lap = numberField(frame, 'lap');
    if (!lap || !numberField(frame, 'lap_distance')) return [];
    const laps = new Set<number>();
    for (let i = 0; i < frame.length; i++) {
      const value = lap.values[i];
      if (Number.isFinite(value)) laps.add(value);
    }
    return [{ frame, laps: [...laps].sort((a, b) => a - b) }];
  });
}
