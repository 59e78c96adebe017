import type { PanelProps } from '@grafana/data';
import { EmptyState, Stack, Text } from '@grafana/ui';
import { useMemo } from 'react';

import { findPositionTraces } from '../positions';
import type { TrackMapOptions } from '../types';

export function TrackMapPanel({ data }: PanelProps<TrackMapOptions>) {
  const traces = useMemo(() => findPositionTraces(data.series), [data.series]);

  if (traces.length === 0) {
    return (
      <EmptyState variant="not-found" hideImage message="No data">
        This panel needs frames with x/y or lat/lon fields.
      </EmptyState>
    );
  }
  const inMetres = traces.filter((trace) => trace.kind === 'xy').length;
  const samples = traces.reduce((sum, trace) => sum + trace.frame.length, 0);
  return (
    <Stack direction="column" alignItems="center" justifyContent="center" gap={1} height="100%">
      <Text element="p" textAlignment="center">
        Positions in {traces.length} {traces.length === 1 ? 'frame' : 'frames'} ({inMetres} in x/y metres,{' '}
        {traces.length - inMetres} in lat/lon), {samples} samples.
      </Text>
      <Text element="p" textAlignment="center" color="secondary">
        Drawing the track map arrives in a later version of this panel.
      </Text>
    </Stack>
  );
}
