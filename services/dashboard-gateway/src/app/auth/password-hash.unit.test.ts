import { ok, strictEqual } from 'node:assert/strict';
import {
  hashPassword,
  parsePasswordHash,
  verifyPassword,
  type PasswordHash,
} from './password-hash.js';
import { PasswordConfigError, PasswordLogin } from './password-login.js';

const CHEAP = { N: 1024, r: 8, p: 1 };

const parsed = (line: string): PasswordHash => {
  const hash = parsePasswordHash(line);
  if (typeof hash === 'string') throw new Error(hash);
  return hash;
};

describe('password hashes (scrypt$N$r$p$salt$hash)', () => {
  it('hashes with a fresh salt and verifies only the same password', async () => {
    const [a, b] = await Promise.all([hashPassword('pw', CHEAP), hashPassword('pw', CHEAP)]);
    ok(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/.test(a), a);
    ok(a !== b, 'two hashes of one password differ (salt)');
    strictEqual(await verifyPassword('pw', parsed(a)), true);
    strictEqual(await verifyPassword('pw ', parsed(a)), false);
    strictEqual(await verifyPassword('', parsed(b)), false);
  });

  it('uses N=2^15, r=8, p=1 by default', async () => {
    ok((await hashPassword('pw')).startsWith('scrypt$32768$8$1$'));
  });

  it('refuses malformed lines with a reason', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const hash = Buffer.alloc(32, 2).toString('base64');
    for (const line of [
      '',
      'bcrypt$1024$8$1$x$y',
      `scrypt$1000$8$1$${salt}$${hash}`,
      `scrypt$1024$0$1$${salt}$${hash}`,
      `scrypt$1024$8$65$${salt}$${hash}`,
      `scrypt$1048576$64$1$${salt}$${hash}`,
      `scrypt$1024$8$1$${salt}$not base64!`,
      `scrypt$1024$8$1$AAAA$${hash}`,
      `scrypt$1024$8$1$${salt}$${hash}$extra`,
    ])
      strictEqual(typeof parsePasswordHash(line), 'string', line);
    strictEqual(typeof parsePasswordHash(`scrypt$1024$8$1$${salt}$${hash}`), 'object');
  });

  it('a gateway with a bad or repeated user refuses to start; unknown users never match', async () => {
    const line = await hashPassword('pw', CHEAP);
    let error: unknown;
    try {
      new PasswordLogin([{ name: 'a', role: 'viewer', passwordHash: 'plain' }]);
    } catch (e) {
      error = e;
    }
    ok(error instanceof PasswordConfigError);
    ok(error.message.includes('users: a: passwordHash'), error.message);
    let twice: unknown;
    try {
      new PasswordLogin([
        { name: 'a', role: 'viewer', passwordHash: line },
        { name: 'a', role: 'operator', passwordHash: line },
      ]);
    } catch (e) {
      twice = e;
    }
    ok(twice instanceof PasswordConfigError);
    const login = new PasswordLogin([{ name: 'a', role: 'operator', passwordHash: line }]);
    strictEqual((await login.check('a', 'pw'))?.user, 'dashboard:a');
    strictEqual(await login.check('b', 'pw'), undefined);
    strictEqual(await login.check('a', 'nope'), undefined);
    strictEqual(await new PasswordLogin([]).check('a', 'pw'), undefined);
  });
});
