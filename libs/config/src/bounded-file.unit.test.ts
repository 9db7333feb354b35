import { deepStrictEqual, ok, rejects, strictEqual, throws } from 'node:assert/strict';
import { deadLetterLimitsFromEnv } from './dead-letter-limits.config.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as t from 'io-ts';
import {
  FileTooLargeError,
  isFileTooLargeError,
  readBoundedFile,
  readBoundedFileSync,
} from './bounded-file.js';
import { ConfigError, loadConfig } from './load-config.js';

describe('bounded file reads', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hoga-bounded-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file within the limit, exactly at it too', async () => {
    const path = join(dir, 'ok.txt');
    writeFileSync(path, '가나다');
    strictEqual(readBoundedFileSync(path, 9), '가나다');
    strictEqual(await readBoundedFile(path, 9), '가나다');
  });
  it('refuses a larger file by its size, with a typed error', async () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, 'x'.repeat(1000));
    throws(
      () => readBoundedFileSync(path, 999),
      (e: unknown) => isFileTooLargeError(e) && e.bytes === 1000 && e.maxBytes === 999,
    );
    await rejects(readBoundedFile(path, 10), FileTooLargeError);
  });
  it('stops reading a device that never ends', async () => {
    throws(() => readBoundedFileSync('/dev/zero', 4096), FileTooLargeError);
    await rejects(readBoundedFile('/dev/zero', 4096), FileTooLargeError);
  });
  it('passes the file system error through for a missing file', async () => {
    throws(() => readBoundedFileSync(join(dir, 'missing'), 10), /ENOENT/);
    await rejects(readBoundedFile(join(dir, 'missing'), 10), /ENOENT/);
  });
});

describe('loadConfig bounds', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hoga-config-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const Config = t.strict({ nats: t.strict({ url: t.string }) });

  it('refuses an oversized config file before reading it', () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, `# ${'x'.repeat(2000)}\n`);
    throws(
      () => loadConfig(Config, { file: path, env: {}, maxFileBytes: 1000 }),
      (e: unknown) =>
        e instanceof ConfigError && e.message.includes('over the limit of 1000 bytes'),
    );
  });
  it('keeps the report of a config with many bad fields short', () => {
    const Many = t.strict(
      Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, t.number])),
    );
    throws(
      () => loadConfig(Many, { env: {} }),
      (e: unknown) =>
        e instanceof ConfigError && e.message.length <= 2000 && e.message.includes('more issues'),
    );
  });
  it('answers any file content with a config or a ConfigError (fuzz)', () => {
    const path = join(dir, 'fuzz.yaml');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.json()), (content) => {
        writeFileSync(path, content);
        try {
          const config = loadConfig(Config, { file: path, env: {} });
          ok(Config.is(config));
        } catch (e) {
          ok(e instanceof ConfigError, String(e));
          ok(e.message.length <= 2200);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('dead-letter limits from the environment', () => {
  it('reads the limits that are set, as numbers', () => {
    deepStrictEqual(
      deadLetterLimitsFromEnv({
        HOGA_DEAD_LETTERS__MAX_AGE_MS: '0',
        HOGA_DEAD_LETTERS__MAX_MSGS: '500',
        OTHER: 'x',
      }),
      { maxAgeMs: 0, maxMsgs: 500 },
    );
    deepStrictEqual(deadLetterLimitsFromEnv({}), {});
  });
  it('refuses a bad value with a ConfigError naming the field', () => {
    throws(
      () => deadLetterLimitsFromEnv({ HOGA_DEAD_LETTERS__MAX_BYTES: '-1' }),
      (e: unknown) => e instanceof ConfigError && e.message.includes('maxBytes'),
    );
    throws(() => deadLetterLimitsFromEnv({ HOGA_DEAD_LETTERS__MAX_MSGS: 'lots' }), ConfigError);
  });
});
