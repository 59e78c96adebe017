/**
 * Counts the car view's zone renders from outside the product code, for the tests and the bench: every render of a
 * zone creates one `<g data-testid="tyre-zone">` element, so the JSX runtime's calls for it are the renders. React's
 * Profiler cannot say this: it times a subtree, not a component's renders, and production builds do not call it.
 */
type Jsx = (type: unknown, props: { 'data-testid'?: unknown } | null, ...rest: unknown[]) => unknown;

export interface RenderCounter {
  readonly count: number;
  /** Puts the JSX runtime back. */
  stop(): void;
}

export function countZoneRenders(): RenderCounter {
  // The exports object itself, which compiled TSX reads `jsx` and `jsxs` from at every call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require('react/jsx-runtime') as Record<'jsx' | 'jsxs', Jsx>;
  const originals = { jsx: runtime.jsx, jsxs: runtime.jsxs };
  let count = 0;
  for (const name of ['jsx', 'jsxs'] as const) {
    const original = originals[name];
    runtime[name] = (type, props, ...rest) => {
      if (props?.['data-testid'] === 'tyre-zone') count++;
      return original(type, props, ...rest);
    };
  }
  return {
    get count() {
      return count;
    },
    stop: () => Object.assign(runtime, originals),
  };
}
