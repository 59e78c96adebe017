import { Icon } from '@grafana/ui';
import { useState } from 'react';

import { GRID_COLUMNS, GRID_MARGIN, GRID_ROW_HEIGHT, gridCell, visiblePanels, type PanelModel } from './model';
import { PanelView } from './panel-view';
import { useSize } from './use-size';

function GridCell({ panel, editHref }: { panel: PanelModel; editHref: string }) {
  const { ref, width, height } = useSize<HTMLDivElement>();
  return (
    <div ref={ref} style={{ ...gridCell(panel.gridPos), minWidth: 0, minHeight: 0 }}>
      {width > 0 && height > 0 && <PanelView panel={panel} width={width} height={height} editHref={editHref} />}
    </div>
  );
}

function RowHeader({ panel, open, onToggle }: { panel: PanelModel; open: boolean; onToggle: () => void }) {
  const folded = panel.collapsed && !open;
  return (
    <button
      type="button"
      onClick={onToggle}
      disabled={!panel.collapsed}
      style={{
        ...gridCell({ ...panel.gridPos, x: 0, w: GRID_COLUMNS, h: 1 }),
        all: 'unset',
        cursor: 'pointer',
        fontSize: 16,
      }}
    >
      <Icon name={folded ? 'angle-right' : 'angle-down'} /> {panel.title}
    </button>
  );
}

/** Grafana's 24-column grid laid out from each panel's gridPos with CSS grid. */
export function DashboardGrid({ panels, editHref }: { panels: PanelModel[]; editHref: (panel: PanelModel) => string }) {
  const [openedRows, setOpenedRows] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpenedRows((rows) => {
      const next = new Set(rows);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div
      data-testid="preview-dashboard-grid"
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${GRID_COLUMNS}, minmax(0, 1fr))`,
        gridAutoRows: GRID_ROW_HEIGHT,
        gap: GRID_MARGIN,
      }}
    >
      {visiblePanels(panels, openedRows).map((panel) =>
        panel.type === 'row' ? (
          <RowHeader key={panel.id} panel={panel} open={openedRows.has(panel.id)} onToggle={() => toggle(panel.id)} />
        ) : (
          <GridCell key={panel.id} panel={panel} editHref={editHref(panel)} />
        ),
      )}
    </div>
  );
}
