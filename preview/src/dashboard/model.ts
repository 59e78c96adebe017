/** The parts of Grafana's dashboard JSON model the preview reads. */
import type {
  AnnotationQuery,
  DataQuery,
  DataSourceRef,
  DataTransformerConfig,
  FieldConfigSource,
} from '@grafana/data';
import type { CSSProperties } from 'react';

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelModel {
  id: number;
  type: string;
  title?: string;
  description?: string;
  gridPos: GridPos;
  datasource?: DataSourceRef | null;
  targets?: DataQuery[];
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
  transformations?: DataTransformerConfig[];
  transparent?: boolean;
  maxDataPoints?: number;
  interval?: string;
  /** Rows only: whether the row is folded, and then the panels it holds. */
  collapsed?: boolean;
  panels?: PanelModel[];
}

export interface VariableJson {
  type: string;
  name: string;
  label?: string;
  query?: string | Record<string, unknown>;
  regex?: string;
  hide?: number;
  multi?: boolean;
  includeAll?: boolean;
  datasource?: DataSourceRef | null;
  current?: { text?: string | string[]; value?: string | string[] };
  options?: Array<{ text: string; value: string; selected?: boolean }>;
}

export interface DashboardModel {
  uid: string;
  title: string;
  tags?: string[];
  time?: { from: string; to: string };
  refresh?: string;
  liveNow?: boolean;
  /** 0: each panel on its own; 1: shared crosshair; 2: shared tooltip. */
  graphTooltip?: 0 | 1 | 2;
  timezone?: string;
  templating?: { list: VariableJson[] };
  annotations?: { list: AnnotationQuery[] };
  panels: PanelModel[];
}

/** Grafana's grid: 24 columns, 30 px rows, 8 px between cells. */
export const GRID_COLUMNS = 24;
export const GRID_ROW_HEIGHT = 30;
export const GRID_MARGIN = 8;

export function gridCell({ x, y, w, h }: GridPos): CSSProperties {
  return { gridColumn: `${x + 1} / span ${Math.min(w, GRID_COLUMNS - x)}`, gridRow: `${y + 1} / span ${h}` };
}

/** Panels to lay out: rows and the panels of open rows; a folded row keeps its panels until it is opened. */
export function visiblePanels(panels: PanelModel[], openedRows: ReadonlySet<number>): PanelModel[] {
  return panels.flatMap((panel) =>
    panel.type === 'row' && panel.collapsed && openedRows.has(panel.id) ? [panel, ...(panel.panels ?? [])] : [panel],
  );
}

/** Every panel that draws data, folded rows included. */
export function allPanels(panels: PanelModel[]): PanelModel[] {
  return panels.flatMap((panel) => (panel.type === 'row' ? (panel.panels ?? []) : [panel]));
}
