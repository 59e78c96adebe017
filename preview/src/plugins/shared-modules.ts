/**
 * What the host hands to a plugin's AMD `define([...])`: exactly the modules of Grafana 12.4's
 * sharedDependenciesMap (public/app/features/plugins/loader/sharedDependencies.ts), loaded on first request.
 * A module that is not listed here fails to load in Grafana, so it fails here too.
 * Grafana also provides a few legacy `app/core/...` paths from its own source; the preview has none of them.
 */
type Loader = () => Promise<unknown>;

/** SystemJS hands an AMD module `default` for modules flagged `__useDefault`, the namespace otherwise. */
const defaultExport =
  (load: () => Promise<{ default?: unknown }>): Loader =>
  () =>
    load().then((module) => module.default ?? module);

export const SHARED_MODULES: Record<string, Loader> = {
  '@emotion/css': () => import('@emotion/css'),
  '@emotion/react': () => import('@emotion/react'),
  '@grafana/data': () => import('@grafana/data'),
  '@grafana/data/unstable': () => import('@grafana/data/unstable'),
  '@grafana/runtime': () => import('@grafana/runtime'),
  '@grafana/runtime/unstable': () => import('@grafana/runtime/unstable'),
  '@grafana/slate-react': () => import('slate-react'),
  '@grafana/ui': () => import('./grafana-ui').then((module) => module.grafanaUI),
  '@grafana/ui/unstable': () => import('@grafana/ui/unstable'),
  d3: () => import('d3'),
  emotion: () => import('@emotion/css'),
  i18next: defaultExport(() => import('i18next')),
  jquery: defaultExport(() => import('jquery')),
  lodash: defaultExport(() => import('lodash')),
  moment: defaultExport(() => import('moment')),
  prismjs: () => import('prismjs'),
  react: () => import('react'),
  'react/jsx-runtime': () => import('react/jsx-runtime'),
  'react/jsx-dev-runtime': () => import('react/jsx-dev-runtime'),
  'react-dom': () => import('react-dom'),
  'react-inlinesvg': () => import('react-inlinesvg'),
  'react-redux': () => import('react-redux'),
  'react-router': () => import('react-router-dom-v5-compat'),
  'react-router-dom': () => import('react-router-dom'),
  redux: () => import('redux'),
  rxjs: () => import('rxjs'),
  'rxjs/operators': () => import('rxjs/operators'),
  slate: () => import('slate'),
  'slate-plain-serializer': () => import('slate-plain-serializer'),
  'slate-react': () => import('slate-react'),
};
