import { PanelPlugin } from '@grafana/data';

import { TrackMapPanel } from './components/TrackMapPanel';
import type { TrackMapOptions } from './types';

export const plugin = new PanelPlugin<TrackMapOptions>(TrackMapPanel);
