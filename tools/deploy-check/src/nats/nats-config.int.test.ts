import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { deployPath } from '../deploy-paths.js';
import { requireTool, runTool } from '../tools/required-tool.js';
import { passwordsEnv } from './nats-server-process.js';
import { NATS_USERS } from './service-permissions.js';
import { passwordVariable, renderAccountsConf } from './users-conf.js';

describe('deploy/nats/nats.conf', () => {
  it('is generated from the permissions (npm run -w tools/deploy-check nats-users)', () => {
    assert.equal(
      readFileSync(deployPath('nats', 'hoga-accounts.conf'), 'utf8'),
      renderAccountsConf(),
    );
  });

  it('passes nats-server -t with every password in the environment', () => {
    const r = runTool(requireTool('nats-server'), ['-t', '-c', deployPath('nats', 'nats.conf')], {
      ...process.env,
      ...passwordsEnv().env,
    });
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /valid/);
  });

  it('is refused by nats-server when a password is missing (no default secret)', () => {
    const { env } = passwordsEnv();
    const missing = passwordVariable(NATS_USERS[0] ?? 'operator');
    delete env[missing];
    const r = runTool(requireTool('nats-server'), ['-t', '-c', deployPath('nats', 'nats.conf')], {
      ...process.env,
      ...env,
    });
    assert.notEqual(r.status, 0);
    assert.match(r.output, new RegExp(missing));
  });

  it('holds no password', () => {
    const text = readFileSync(deployPath('nats', 'hoga-accounts.conf'), 'utf8');
    for (const line of text.split('\n').filter((l) => /password/.test(l)))
      assert.match(line, /^\s*password: \$HOGA_NATS_PASSWORD_[A-Z_]+$/);
  });
});
