/** The lap table, with per-lap aggregates of the query's channels. */
import type { DataFrame } from '@grafana/data';

import type { Catalog } from '../catalog';
import { lapTableFrame } from '../frames/lap-table';
import { describeChannel } from '../frames/telemetry-frame';
import type { TelemetryLink } from '../link/telemetry-link';
import type { ResolvedQuery } from './resolve';

export async function lapTable(link: TelemetryLink, query: ResolvedQuery, catalog: Catalog): Promise<DataFrame[]> {
  const aggregates = (query.channels ?? []).map((name) => describeChannel(name, catalog.session.channels));
  const answer = await link.request({
    type: 'laps',
    session: query.session,
    ...(query.cars ? { cars: query.cars } : {}),
    ...(aggregates.length ? { aggregates: aggregates.map((channel) => channel.name) } : {}),
  });
  return [lapTableFrame(answer.laps, aggregates, query.refId, answer.session)];
}
