import type { PanelProps } from '@grafana/data';
import { TYRE_ZONES } from '@eracing/telemetry-core';
import { EmptyState, Stack, Text } from '@grafana/ui';
import { useMemo } from 'react';

import { tyreTemperatureCoverage } from '../tyres';
import type { TyreHeatmapOptions } from '../types';

export function TyreHeatmapPanel({ data }: PanelProps<TyreHeatmapOptions>) {
  const coverage = useMemo(() => tyreTemperatureCoverage(data.series), [data.series]);
  const channels = coverage.reduce((sum, { zones }) => sum + zones, 0);

  if (channels === 0) {
    return (
      <EmptyState variant="not-found" hideImage message="No tyre channels">
        This panel needs tyre_temp_&lt;wheel&gt;_&lt;zone&gt; fields, such as tyre_temp_fl_inner.
      </EmptyState>
    );
  }
  const perWheel = coverage.map(({ wheel, zones }) => `${wheel.toUpperCase()} ${zones}/${TYRE_ZONES.length}`);
  return (
    <Stack direction="column" alignItems="center" justifyContent="center" gap={1} height="100%">
      <Text element="p" textAlignment="center">
        {channels} of {coverage.length * TYRE_ZONES.length} tyre temperature channels: {perWheel.join(', ')}.
      </Text>
      <Text element="p" textAlignment="center" color="secondary">
        The heatmap arrives in a later version of this panel.
      </Text>
    </Stack>
  );
}
