import { DashboardRole } from '@hoga/contracts';
import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { issuedBy } from '../issuer.js';
import { replyJson } from '../ops-client.js';
import { renderLoginLink } from '../render/login-link.js';

const URL_USAGE = 'usage: hoga dashboard url [--role operator|viewer] [--user NAME] [--json]';

/**
 * `hoga dashboard url`: asks dashboard-gateway (`login-link`) for a one-time login link — a code
 * for one login within minutes, exchanged for a session cookie; nothing long-lived in the URL.
 */
export const dashboardUrlCommand: Command = {
  words: ['dashboard', 'url'],
  synopsis: 'dashboard url [--role operator|viewer] [--user NAME] [--json]',
  summary: 'a one-time login link for the dashboard (one use, minutes)',
  async run({ operands, options, connect, out }) {
    if (operands.length > 0) throw usageError(URL_USAGE);
    const role = options.role ?? 'operator';
    if (!DashboardRole.is(role)) throw usageError(`--role is operator or viewer\n${URL_USAGE}`);
    const user = options.user ?? issuedBy(options.as);
    const reply = await (await connect()).call('dashboard-gateway', 'login-link', { user, role });
    if (options.json) out(replyJson('dashboard-gateway', 'login-link', reply));
    else for (const line of renderLoginLink(reply, { user, role }, new Date())) out(line);
  },
};

/**
 * `hoga dashboard hash-password`: a password from stdin (typed twice, hidden, on a terminal)
 * as a `scrypt$N$r$p$salt$hash` line for the gateway's `users[].passwordHash`.
 */
export const dashboardHashPasswordCommand: Command = {
  words: ['dashboard', 'hash-password'],
  synopsis: 'dashboard hash-password < FILE',
  summary: 'a scrypt hash line of a password (stdin) for the gateway config users',
  async run({ operands, out, readSecret }) {
    if (operands.length > 0) throw usageError('usage: hoga dashboard hash-password < FILE');
    const password = await readSecret('password');
    if (password.length === 0) throw usageError('the password is empty');
    // the gateway's own hashing (loaded only here: it brings the gateway's dependencies)
    const { hashPassword, MAX_PASSWORD_CHARS } = await import('@hoga/dashboard-gateway');
    if (password.length > MAX_PASSWORD_CHARS)
      throw usageError(`the password is longer than ${String(MAX_PASSWORD_CHARS)} characters`);
    out(await hashPassword(password));
  },
};
