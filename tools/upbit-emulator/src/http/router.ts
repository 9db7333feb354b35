/** A route matched to a request path, with its `{name}` values. */
export interface RouteMatch<R> {
  readonly route: R;
  readonly params: Record<string, string>;
}

/** What the router needs of a route. */
export interface Routable {
  readonly method: string;
  readonly path: string;
}

interface Compiled<R> {
  readonly route: R;
  readonly pattern: RegExp;
  readonly names: string[];
}

/** Matches method + path against a fixed route table. */
export class Router<R extends Routable> {
  private readonly compiled: Compiled<R>[];

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+)\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
      return { route, pattern: new RegExp(`^${source}/?$`), names };
    });
  }

  /** The route for `method` and `path`, or `'method'` when only the method is wrong. */
  match(method: string, path: string): RouteMatch<R> | 'method' | undefined {
    let pathMatched = false;
    for (const c of this.compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      return { route: c.route, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
