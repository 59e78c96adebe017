import { useEffect, useState } from 'react';

import type { Catalog } from '../../catalog';
import type { DataSource } from '../../datasource';
import { interpolator } from '../../template';

export interface CatalogState {
  catalog?: Catalog;
  error?: string;
}

/** The catalog of the editor's session, loaded when the session changes. */
export function useCatalog(datasource: Pick<DataSource, 'getCatalog'>, session: string | undefined): CatalogState {
  const [state, setState] = useState<CatalogState>({});
  useEffect(() => {
    let current = true;
    datasource
      .getCatalog(interpolator().text(session))
      .then((catalog) => current && setState({ catalog }))
      .catch((error: Error) => current && setState({ error: error.message }));
    return () => {
      current = false;
    };
  }, [datasource, session]);
  return state;
}
