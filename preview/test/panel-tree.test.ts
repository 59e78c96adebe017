// The dashboard page's panel tree and addresses: panels found and replaced inside rows, the editor's links.
import type { PanelModel } from '../src/dashboard/model';
import { findPanel, hrefWith, replacePanel } from '../src/dashboard/panel-tree';

const panel = (id: number, extra: Partial<PanelModel> = {}): PanelModel => ({
  id,
  type: 'stat',
  gridPos: { x: 0, y: id, w: 24, h: 1 },
  ...extra,
});

describe('panel tree', () => {
  const tree = [panel(1), panel(2, { type: 'row', panels: [panel(3), panel(4)] }), panel(5)];

  it.each([
    [1, 1],
    [4, 4],
    [5, 5],
  ])('finds panel %d, inside a folded row too', (id, found) => {
    expect(findPanel(tree, id)?.id).toBe(found);
  });

  it('finds no panel of an unknown id', () => {
    expect(findPanel(tree, 9)).toBeUndefined();
  });

  it('replaces a panel inside a row and leaves the others as they were', () => {
    const next = panel(4, { title: 'Edited' });
    const replaced = replacePanel(tree, next);
    expect(findPanel(replaced, 4)).toBe(next);
    expect(replaced[0]).toBe(tree[0]);
    expect(replaced[2]).toBe(tree[2]);
    expect(findPanel(tree, 4)?.title).toBeUndefined();
  });
});

describe('hrefWith', () => {
  const search = new URLSearchParams('from=now-1h&to=now&var-car=1');

  it.each([
    [{ editPanel: '3' }, '/d/live?from=now-1h&to=now&var-car=1&editPanel=3'],
    [{ from: 'now-6h' }, '/d/live?from=now-6h&to=now&var-car=1'],
    [{ from: null, to: null, 'var-car': null }, '/d/live'],
  ])('sets and removes parameters: %j', (params, href) => {
    expect(hrefWith('/d/live', search, params)).toBe(href);
  });

  it('leaves the page search as it was', () => {
    hrefWith('/d/live', search, { editPanel: '3' });
    expect(search.toString()).toBe('from=now-1h&to=now&var-car=1');
  });
});
