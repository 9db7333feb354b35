import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeWith } from '@hoga/model';
import { ConfigError, envToObject } from './load-config.js';

const NATS_SCHEMES = new Set(['nats:', 'tls:', 'ws:', 'wss:']);
const POSTGRES_SCHEMES = new Set(['postgres:', 'postgresql:']);

const parsedUrl = (text: string): URL | undefined => {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

const isNatsServer = (server: string): boolean => {
  const url = parsedUrl(server.includes('://') ? server : `nats://${server}`);
  return url !== undefined && NATS_SCHEMES.has(url.protocol) && url.hostname !== '';
};

/**
 * The NATS servers, as nats.js takes them: one or more (comma-separated) `nats://host:port`
 * (`tls://`, `ws://`, `wss://`, or a bare `host:port`).
 */
export const NatsUrl = t.refinement(
  t.string,
  (s) => s.trim() !== '' && s.split(',').every((server) => isNatsServer(server.trim())),
  'NatsUrl (nats://host:port, comma-separated for several servers)',
);

const TOKEN = /^[^\s.*>]+$/;

/**
 * The bus namespace that prefixes every subject, stream and bucket ('' in production): NATS
 * subject tokens without wildcards or spaces (`test_a1.b`). The bus's `Namespace` refuses the
 * same values at connect time; this refuses them when the setting is read.
 */
export const BusNamespace = t.refinement(
  t.string,
  (s) => s === '' || s.split('.').every((token) => TOKEN.test(token)),
  'BusNamespace (subject tokens without wildcards or spaces, or empty)',
);

/** A PostgreSQL connection URL: `postgres://user@host:port/database` (or `postgresql://`). */
export const DatabaseUrl = t.refinement(
  t.string,
  (s) => {
    const url = parsedUrl(s);
    return url !== undefined && POSTGRES_SCHEMES.has(url.protocol);
  },
  'DatabaseUrl (postgres://user@host:port/database)',
);

/** Where a service's bus is: `HOGA_NATS__URL`, `HOGA_NATS__NAMESPACE`. */
export const NatsSettings = t.strict({ url: NatsUrl, namespace: BusNamespace }, 'NatsSettings');
export type NatsSettings = t.TypeOf<typeof NatsSettings>;

/** Where a service's PostgreSQL is: `HOGA_DATABASE__URL`. */
export const DatabaseSettings = t.strict({ url: DatabaseUrl }, 'DatabaseSettings');
export type DatabaseSettings = t.TypeOf<typeof DatabaseSettings>;

/** The connection settings a tool reads from the environment, each optional. */
export const ConnectionEnv = t.partial(
  {
    nats: t.partial({ url: NatsUrl, namespace: BusNamespace }),
    database: t.partial({ url: DatabaseUrl }),
  },
  'ConnectionEnv',
);
export type ConnectionEnv = t.TypeOf<typeof ConnectionEnv>;

/** `nats.namespace` -> `HOGA_NATS__NAMESPACE`. */
const variableOf = (path: string): string =>
  `HOGA_${path
    .split('.')
    .map((part) => part.replace(/([A-Z])/g, '_$1').toUpperCase())
    .join('__')}`;

/**
 * Reads `HOGA_NATS__URL`, `HOGA_NATS__NAMESPACE` and `HOGA_DATABASE__URL` with the services'
 * codecs, for a tool that reaches the engine (the `hoga` CLI). A bad value is a ConfigError
 * naming the variable and what it expects, never the value (a database URL holds a password).
 */
export function connectionEnv(env: NodeJS.ProcessEnv): ConnectionEnv {
  const { nats, database } = envToObject(env);
  const decoded = decodeWith(ConnectionEnv, {
    ...(nats === undefined ? {} : { nats }),
    ...(database === undefined ? {} : { database }),
  });
  if (E.isLeft(decoded))
    // No cause: the decode error's message quotes the value.
    throw new ConfigError(
      decoded.left.issues.map((i) => `${variableOf(i.path)} expected ${i.expected}`).join('; '),
    );
  return decoded.right;
}
