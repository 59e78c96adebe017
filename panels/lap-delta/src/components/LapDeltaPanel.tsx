import type { PanelProps } from '@grafana/data';
import { EmptyState, Stack, Text } from '@grafana/ui';
import { useMemo } from 'react';

import { findLapFrames } from '../laps';
import type { LapDeltaOptions } from '../types';

export function LapDeltaPanel({ data }: PanelProps<LapDeltaOptions>) {
  const lapFrames = useMemo(() => findLapFrames(data.series), [data.series]);
  const laps = lapFrames.reduce((sum, { laps }) => sum + laps.length, 0);

  if (laps === 0) {
    return (
      <EmptyState variant="not-found" hideImage message="No laps">
        This panel needs frames with lap and lap_distance fields.
      </EmptyState>
    );
  }
  return (
    <Stack direction="column" alignItems="center" justifyContent="center" gap={1} height="100%">
      <Text element="p" textAlignment="center">
        {laps} {laps === 1 ? 'lap' : 'laps'} in {lapFrames.length} {lapFrames.length === 1 ? 'frame' : 'frames'}.
      </Text>
      <Text element="p" textAlignment="center" color="secondary">
        The time delta against a reference lap arrives in a later version of this panel.
      </Text>
    </Stack>
  );
}
