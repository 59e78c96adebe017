import type { TimeRange } from '@grafana/data';
import { RefreshPicker, Stack, TimeRangePicker } from '@grafana/ui';

import { setSearch } from '../pages/location';
import { shiftRange } from './dashboard-state';

interface Props {
  title: string;
  range: TimeRange;
  timezone: string;
  refresh: string;
  onRefresh: () => void;
}

function rawToUrl(value: TimeRange['raw']['from']): string {
  return typeof value === 'string' ? value : String(value.valueOf());
}

/** Title, time picker and refresh picker; both pickers write the URL, as Grafana's do. */
export function DashboardToolbar({ title, range, timezone, refresh, onRefresh }: Props) {
  return (
    <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
      <h1 style={{ fontSize: 20, margin: 0 }} data-testid="preview-dashboard-title">
        {title}
      </h1>
      <Stack gap={1}>
        <TimeRangePicker
          value={range}
          timeZone={timezone}
          onChange={(next) => setSearch({ from: rawToUrl(next.raw.from), to: rawToUrl(next.raw.to) })}
          onChangeTimeZone={() => {}}
          onMoveBackward={() => setSearch(shiftRange(range, -1))}
          onMoveForward={() => setSearch(shiftRange(range, 1))}
          onZoom={() => setSearch(shiftRange(range, 0))}
        />
        <RefreshPicker
          value={refresh}
          onRefresh={onRefresh}
          onIntervalChanged={(interval) => setSearch({ refresh: interval || null })}
        />
      </Stack>
    </Stack>
  );
}
