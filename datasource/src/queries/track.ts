/** The track map geometry of the query's session, from the catalog. */
import type { DataFrame } from '@grafana/data';

import type { Catalog } from '../catalog';
import { trackFrames } from '../frames/track-frames';
import type { ResolvedQuery } from './resolve';

export function trackMap(query: ResolvedQuery, catalog: Catalog): DataFrame[] {
  const { geometry, id } = catalog.session;
  if (!geometry) throw new Error(`Session ${id} has no track geometry.`);
  return trackFrames(geometry, query.refId, id);
}
