/** Grafana's core table panel, reduced: the chosen frame in @grafana/ui's Table. */
import { PanelPlugin, type PanelProps } from '@grafana/data';
import { Select, Table } from '@grafana/ui';
import { useState } from 'react';

import { NoData } from './no-data';

interface TableOptions {
  showHeader: boolean;
}

function TablePanel({ data, width, height, options, timeRange }: PanelProps<TableOptions>) {
  const [frameIndex, setFrameIndex] = useState(0);
  if (data.series.length === 0) return <NoData data={data} needs="a frame" />;
  const index = Math.min(frameIndex, data.series.length - 1);
  const picker = data.series.length > 1;
  const pickerHeight = picker ? 40 : 0;
  return (
    <div>
      <Table
        data={data.series[index]}
        width={width}
        height={height - pickerHeight}
        noHeader={!options.showHeader}
        timeRange={timeRange}
      />
      {picker && (
        <div style={{ paddingTop: 8 }}>
          <Select
            value={index}
            onChange={(choice) => setFrameIndex(choice.value ?? 0)}
            options={data.series.map((frame, i) => ({
              value: i,
              label: frame.name ?? frame.refId ?? `Series ${i + 1}`,
            }))}
          />
        </div>
      )}
    </div>
  );
}

export const tablePanel = new PanelPlugin<TableOptions>(TablePanel)
  .useFieldConfig()
  .setPanelOptions((builder) =>
    builder.addBooleanSwitch({ path: 'showHeader', name: 'Show table header', defaultValue: true }),
  );
