import type { PanelModel } from './model';

/** The panels with `next` in place of the panel of its id, inside rows too. */
export function replacePanel(panels: PanelModel[], next: PanelModel): PanelModel[] {
  return panels.map((panel) =>
    panel.id === next.id ? next : panel.panels ? { ...panel, panels: replacePanel(panel.panels, next) } : panel,
  );
}

/** The panel of an id, inside rows too. */
export function findPanel(panels: PanelModel[], id: number): PanelModel | undefined {
  for (const panel of panels) {
    if (panel.id === id) return panel;
    const nested = panel.panels && findPanel(panel.panels, id);
    if (nested) return nested;
  }
  return undefined;
}

/** The page's address with some search parameters set, and those given as null removed. */
export function hrefWith(pathname: string, search: URLSearchParams, params: Record<string, string | null>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}
