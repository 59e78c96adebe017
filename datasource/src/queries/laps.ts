/** The lap table, with per-lap aggregates of the query's channels. */
import type { DataFrame } from '@grafana/data';

import type { Catalog } from '../catalog';
import { lapTableFrame } from '../frames/lap-table';
import { describeChannel } from '../frames/telemetry-frame';
import type { TelemetryLink } from '../link/telemetry-link';
import type { ResolvedQuery } from './resolve';
import { channelsInSession } from './telemetry';

export async function lapTable(link: TelemetryLink, query: ResolvedQuery, catalog: Catalog): Promise<DataFrame[]> {
  // Aggregates of the channels the session has; each one it lacks is named in a notice on the table.
  const { present, notices } = channelsInSession([...new Set(query.channels ?? [])], catalog);
  const aggregates = present.map((name) => describeChannel(name, catalog.session.channels));
  const answer = await link.request({
    type: 'laps',
    session: query.session,
    ...(query.cars ? { cars: query.cars } : {}),
    ...(aggregates.length ? { aggregates: aggregates.map((channel) => channel.name) } : {}),
  });
  const frame = lapTableFrame(answer.laps, aggregates, query.refId, answer.session);
  if (notices.length) frame.meta = { ...frame.meta, notices: [...(frame.meta?.notices ?? []), ...notices] };
  return [frame];
}
