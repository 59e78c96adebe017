import { type PanelPlugin, type PanelPluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';
import { useEffect, useState } from 'react';

import { loadPanelPlugin } from '../plugins/registry';

function coreMeta(type: string): PanelPluginMeta {
  return {
    id: type,
    name: type,
    type: 'panel',
    module: `core:plugin/${type}`,
    baseUrl: '',
    sort: 0,
    info: {
      author: { name: 'Grafana Labs' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '',
    },
  } as PanelPluginMeta;
}

export function usePanelPlugin(type: string): { plugin?: PanelPlugin; error?: string } {
  const [state, setState] = useState<{ plugin?: PanelPlugin; error?: string }>({});
  useEffect(() => {
    let current = true;
    loadPanelPlugin(type).then(
      (plugin) => {
        if (!plugin.meta) plugin.meta = config.panels[type] ?? coreMeta(type);
        if (current) setState({ plugin });
      },
      (error: Error) => current && setState({ error: error.message }),
    );
    return () => {
      current = false;
    };
  }, [type]);
  return state;
}
