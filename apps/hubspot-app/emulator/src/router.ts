// Route tables: each endpoint family exports `Route`s with a path template written the way HubSpot's
// reference writes it ('/crm/v3/objects/deals/{dealId}'); the template also keys per-path stats.
import type { Reply } from './http.js';
import type { PortalState } from './portal.js';

export type RouteContext = {
  portal: PortalState;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
};

export type Route = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** The token needs at least one of these scopes (HubSpot answers 403 MISSING_SCOPES otherwise). */
  scopes: readonly string[];
  /** Counted against the CRM search API's own per-second limit as well. */
  search?: boolean;
  handle(ctx: RouteContext): Reply;
};

type Compiled = { route: Route; pattern: RegExp; names: string[] };

export type RouteMatch = { route: Route; params: Record<string, string> };

/** First match wins: list literal paths (`.../groups`) before templated ones (`.../{name}`). */
export function compileRoutes(routes: readonly Route[]): (method: string, path: string) => RouteMatch | null {
  const compiled: Compiled[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_all, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}/?$`), names };
  });
  return (method, path) => {
    for (const { route, pattern, names } of compiled) {
      if (route.method !== method) continue;
      const match = pattern.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? '');
      });
      return { route, params };
    }
    return null;
  };
}

/** Object type path segments HubSpot accepts for the two objects the emulator keeps. */
export function objectTypeOf(segment: string): 'contacts' | 'deals' | null {
  const lower = segment.toLowerCase();
  if (lower === 'contacts' || lower === 'contact' || lower === '0-1') return 'contacts';
  if (lower === 'deals' || lower === 'deal' || lower === '0-3') return 'deals';
  return null;
}
