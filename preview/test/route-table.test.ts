// The preview server's route table: the first route that takes the method and path answers, with its path's groups.
import { matchRoute, type Route } from '../server/routes/route-table';

const handle = () => undefined;
const routes: Route[] = [
  { path: /^\/public\/plugins\/([^/]+)\/(.+)$/, handle },
  { path: /^\/public\//, handle },
  { method: 'POST', path: '/api/ds/query', handle },
  { path: /^\/api\/datasources\/uid\/([^/]+)\/resources(?:\/(.*))?$/, handle },
  { method: 'DELETE', path: /^\/api\/datasources\/uid\/([^/]+)$/, handle },
  { path: /^\/api\/datasources\/uid\/([^/]+)$/, handle },
  { path: /^\/api\//, handle },
  { path: '/', handle },
  { path: /^/, handle },
];

describe('matchRoute', () => {
  it.each([
    ['GET', '/public/plugins/eracing-telemetry-datasource/module.js', 0, ['eracing-telemetry-datasource', 'module.js']],
    ['GET', '/public/plugins/x', 1, []],
    ['POST', '/api/ds/query', 2, []],
    ['GET', '/api/ds/query', 6, []],
    ['GET', '/api/datasources/uid/a/resources', 3, ['a', '']],
    ['PUT', '/api/datasources/uid/a/resources/laps/1', 3, ['a', 'laps/1']],
    ['DELETE', '/api/datasources/uid/a', 4, ['a']],
    ['GET', '/api/datasources/uid/a', 5, ['a']],
    ['GET', '/', 7, []],
    ['GET', '/d/eracing-live-session/live-session', 8, []],
  ])('%s %s is route %d with params %j', (method, path, index, params) => {
    const match = matchRoute(routes, method, path);
    expect(match?.route).toBe(routes[index]);
    expect(match?.params).toEqual(params);
  });

  it('takes no path when no route does', () => {
    expect(matchRoute(routes.slice(0, 3), 'GET', '/api/search')).toBeUndefined();
  });
});
