/**
 * What the gateway says about front-end observability (`GET /api/faro/config`): off, or where the
 * page sends Faro's payloads and how it names itself there.
 */
export type FaroSettings =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      /** The gateway's endpoint (same origin), e.g. `/api/faro/collect`. */
      readonly url: string;
      readonly app: {
        readonly name: string;
        readonly version: string;
        readonly environment: string;
      };
    };

const isText = (u: unknown): u is string => typeof u === 'string' && u.length > 0;

/** The settings when `u` has their shape, else off. */
export function faroSettingsOf(u: unknown): FaroSettings {
  if (typeof u !== 'object' || u === null) return { enabled: false };
  const s = u as Record<string, unknown>;
  const app = s['app'] as Record<string, unknown> | undefined;
  if (
    s['enabled'] !== true ||
    !isText(s['url']) ||
    !s['url'].startsWith('/') ||
    typeof app !== 'object' ||
    app === null ||
    !isText(app['name']) ||
    !isText(app['version']) ||
    !isText(app['environment'])
  )
    return { enabled: false };
  return {
    enabled: true,
    url: s['url'],
    app: { name: app['name'], version: app['version'], environment: app['environment'] },
  };
}
