import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tools/all-in-one/dist -> ../../..). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The files and directories of a HOGA home. */
export interface HogaHome {
  readonly root: string;
  readonly pg: string;
  readonly nats: string;
  readonly logs: string;
  readonly emulatorKeys: string;
  /** The emulator state of earlier versions (prices and balances at stop), migrated once. */
  readonly emulatorState: string;
  /** The emulator's durable account: snapshot (+ `.journal`). */
  readonly emulatorAccount: string;
  readonly pgPassword: string;
  readonly runtime: string;
  readonly lock: string;
}

/** `HOGA_HOME`, else `<repo>/.hoga`. */
export function homeOf(env: NodeJS.ProcessEnv): HogaHome {
  const root = resolve(env['HOGA_HOME'] ?? join(REPO_ROOT, '.hoga'));
  return {
    root,
    pg: join(root, 'pg'),
    nats: join(root, 'nats'),
    logs: join(root, 'logs'),
    emulatorKeys: join(root, 'emulator.json'),
    emulatorState: join(root, 'emulator-state.json'),
    emulatorAccount: join(root, 'emulator-account.json'),
    pgPassword: join(root, 'pg-password'),
    runtime: join(root, 'runtime.json'),
    lock: join(root, 'engine.lock'),
  };
}

/** Creates the home; 0755 so the `postgres` user (root runs) can reach `pg/` inside it. */
export function prepareHome(home: HogaHome): void {
  mkdirSync(home.root, { recursive: true });
  chmodSync(home.root, 0o755);
  mkdirSync(home.nats, { recursive: true });
  mkdirSync(home.logs, { recursive: true });
}

/** Another engine already runs on this home. */
export class EngineLockedError extends Error {
  override readonly name = 'EngineLockedError';
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes `engine.lock` (a stale lock of a dead process is replaced); returns its release. */
export function acquireLock(home: HogaHome): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(home.lock, 'wx', 0o644);
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(home.lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(home.lock, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new EngineLockedError(
          `another hoga engine (pid ${pid}) is running on ${home.root}; stop it first ` +
            `(or set HOGA_HOME to another directory)`,
        );
      rmSync(home.lock, { force: true });
    }
  }
  throw new EngineLockedError(`cannot take ${home.lock}`);
}

/** A secret kept in the home with mode 0600, created at first use. */
export function readOrCreateSecret<A>(
  path: string,
  is: (u: unknown) => u is A,
  create: () => A,
): A {
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    stored = undefined;
  }
  if (is(stored)) return stored;
  {
    const value = create();
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
    return value;
  }
}

/** A random url-safe token. */
export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');
