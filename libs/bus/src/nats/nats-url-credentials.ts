/** Servers without credentials, and the user and password one of them carried. */
export interface ServerCredentials {
  readonly servers: string[];
  readonly user?: string;
  readonly pass?: string;
}

/**
 * Takes `user:password@` out of `nats://user:password@host:port` URLs (the NATS client ignores
 * it): the credentials go to the connection's options, the servers are left bare so no password
 * is ever logged with a server address. Percent-escapes in the user and password are decoded.
 * Every URL must carry the same credentials, or none.
 */
export function serverCredentials(servers: string | readonly string[]): ServerCredentials {
  const list = typeof servers === 'string' ? servers.split(',') : [...servers];
  let found: { user: string; pass: string } | undefined;
  const bare = list.map((raw) => {
    const s = raw.trim();
    const m = /^([a-z]+:\/\/)([^@/]*)@(.*)$/i.exec(s);
    if (m === null) return s;
    const [, scheme = '', userinfo = '', rest = ''] = m;
    const colon = userinfo.indexOf(':');
    const user = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const pass = colon < 0 ? '' : decodeURIComponent(userinfo.slice(colon + 1));
    if (found !== undefined && (found.user !== user || found.pass !== pass))
      throw new Error('NATS server URLs carry different credentials: give one user for all');
    found = { user, pass };
    return `${scheme}${rest}`;
  });
  return { servers: bare, ...(found ?? {}) };
}
