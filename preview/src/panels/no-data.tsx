import type { PanelData } from '@grafana/data';

/** What a built-in panel shows when the data does not fit it, as Grafana's PanelDataErrorView says it. */
export function NoData({ data, needs }: { data: PanelData; needs: string }) {
  const message = data.series.length === 0 ? 'No data' : `Data does not have ${needs}`;
  return (
    <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center', opacity: 0.7 }}>
      {message}
    </div>
  );
}
