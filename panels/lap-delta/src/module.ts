import { PanelPlugin } from '@grafana/data';

import { LapDeltaPanel } from './components/LapDeltaPanel';
import type { LapDeltaOptions } from './types';

export const plugin = new PanelPlugin<LapDeltaOptions>(LapDeltaPanel);
