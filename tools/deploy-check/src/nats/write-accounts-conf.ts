import { writeFileSync } from 'node:fs';
import { deployPath } from '../deploy-paths.js';
import { renderAccountsConf } from './users-conf.js';

/** Writes `deploy/nats/hoga-accounts.conf` from the permissions (`npm run -w tools/deploy-check nats-users`). */
const path = deployPath('nats', 'hoga-accounts.conf');
writeFileSync(path, renderAccountsConf());
console.log(`wrote ${path}`);
