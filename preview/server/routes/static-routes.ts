import path from 'node:path';

import { HOST_BUILDS } from '../host-builds';
import { sendFile, sendText } from '../static';
import type { PreviewContext, Route } from './route-table';

/** The host's build and fonts; any other /public/ path is not found. */
export function staticRoutes({ build }: PreviewContext): Route[] {
  const dist = HOST_BUILDS[build].dist;
  return [
    {
      path: /^\/public\/fonts\/(.*)$/,
      handle: ({ response, params: [file] }) => sendFile(response, path.join(dist, 'fonts'), file),
    },
    { path: /^\/public\/build\/(.*)$/, handle: ({ response, params: [file] }) => sendFile(response, dist, file) },
    { path: /^\/public\//, handle: ({ response, url }) => sendText(response, 404, `Not found: ${url.pathname}`) },
  ];
}
