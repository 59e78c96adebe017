import { PanelPlugin, type PanelProps } from '@grafana/data';

import { barchartPanel } from './barchart';
import { GRAFANA_PANEL_IDS } from './grafana-panels';
import { statPanel } from './stat';
import { tablePanel } from './table';
import { timeseriesPanel } from './timeseries';

const DRAWN = new Map<string, PanelPlugin>([
  ['timeseries', timeseriesPanel as unknown as PanelPlugin],
  ['stat', statPanel as unknown as PanelPlugin],
  ['table', tablePanel as unknown as PanelPlugin],
  ['barchart', barchartPanel as unknown as PanelPlugin],
]);

/** Grafana's other core panels: the preview names them instead of drawing them. */
const CORE_PANELS = new Set(GRAFANA_PANEL_IDS);

const placeholders = new Map<string, PanelPlugin>();

function placeholder(type: string): PanelPlugin {
  const Placeholder = (_props: PanelProps) => (
    <div
      data-testid="preview-core-placeholder"
      style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center', opacity: 0.7 }}
    >
      Grafana&apos;s {type} panel: not drawn in the preview
    </div>
  );
  return new PanelPlugin(Placeholder);
}

/** A core panel of Grafana, or undefined when `type` is a plugin. */
export function builtInPanel(type: string): PanelPlugin | undefined {
  const drawn = DRAWN.get(type);
  if (drawn) return drawn;
  if (!CORE_PANELS.has(type)) return undefined;
  if (!placeholders.has(type)) placeholders.set(type, placeholder(type));
  return placeholders.get(type);
}
