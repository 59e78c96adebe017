import { PanelPlugin } from '@grafana/data';

import { TyreHeatmapPanel } from './components/TyreHeatmapPanel';
import type { TyreHeatmapOptions } from './types';

export const plugin = new PanelPlugin<TyreHeatmapOptions>(TyreHeatmapPanel);
