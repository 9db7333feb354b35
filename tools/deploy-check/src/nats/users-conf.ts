import { jetStreamPublish } from './jetstream-api.js';
import { NATS_USERS, PERMISSIONS, type NatsUser } from './service-permissions.js';

/** The account every hoga user belongs to (JetStream enabled in it). */
export const HOGA_ACCOUNT = 'HOGA';

/** The environment variable holding a user's password (`HOGA_NATS_PASSWORD_MARKET_FEED`). */
export const passwordVariable = (user: NatsUser): string =>
  `HOGA_NATS_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`;

const quoted = (subjects: readonly string[]) =>
  `[\n${[...new Set(subjects)].map((s) => `            ${JSON.stringify(s)}`).join(',\n')}\n          ]`;

function userBlock(user: NatsUser): string {
  const p = PERMISSIONS[user];
  const publish = [...p.publish, ...jetStreamPublish(p.jetstream)];
  return [
    '      {',
    `        user: ${JSON.stringify(user)}`,
    `        password: $${passwordVariable(user)}`,
    '        permissions: {',
    `          publish: ${quoted(publish)}`,
    `          subscribe: ${quoted(p.subscribe)}`,
    ...(p.answersRequests ? ['          allow_responses: true'] : []),
    '        }',
    '      }',
  ].join('\n');
}

/**
 * `deploy/nats/hoga-accounts.conf`: the HOGA account with JetStream and one user per service,
 * each allowed only what `PERMISSIONS` grants (anything not listed is refused). Passwords are
 * environment variables, resolved by nats-server at start; no secret is in the file.
 */
export function renderAccountsConf(): string {
  return [
    '# Generated from tools/deploy-check/src/nats/service-permissions.ts (the subject registry):',
    '# npm run -w tools/deploy-check nats-users. Do not edit by hand; the deploy tests check it.',
    'accounts {',
    `  ${HOGA_ACCOUNT} {`,
    '    jetstream: enabled',
    '    users: [',
    NATS_USERS.map(userBlock).join(',\n'),
    '    ]',
    '  }',
    '}',
    '',
  ].join('\n');
}
