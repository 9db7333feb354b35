import { deepEqual, equal, ok, throws } from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  BATCH_SYNC_INTERVAL_MS,
  frameRecord,
  JournalWriter,
  readJournal,
  StateStoreError,
} from './journal-file.js';

describe('persistence: journal file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const records = [
    { seq: 1, a: 'x' },
    { seq: 2, b: [1, 2] },
    { seq: 3, c: 'ü€' },
  ];
  const write = (path: string) =>
    writeFileSync(path, records.map((r) => frameRecord(JSON.stringify(r))).join(''));

  it('reads back every record written, in order, with nothing torn', async () => {
    const path = join(dir, 'j');
    const w = new JournalWriter(path, 'batch', (e) => {
      throw e;
    });
    for (const r of records) w.append(frameRecord(JSON.stringify(r)));
    equal(w.size, readFileSync(path).length);
    await w.close();
    deepEqual(readJournal(path), { records, torn: undefined });
  });

  it('a missing journal is empty', () => {
    deepEqual(readJournal(join(dir, 'none')), { records: [], torn: undefined });
  });

  it('a last record without its end of line is torn: reported and skipped', () => {
    const path = join(dir, 'j');
    write(path);
    appendFileSync(path, frameRecord(JSON.stringify({ seq: 4 })).slice(0, 12));
    const read = readJournal(path);
    deepEqual(read.records, records);
    equal(read.torn?.line, 4);
    equal(read.torn?.reason, 'no end of line');
  });

  it('a damaged last line is torn (checksum), a damaged line before others is corruption', () => {
    const path = join(dir, 'j');
    write(path);
    const bytes = readFileSync(path);
    const lastStart = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
    const flipped = Buffer.from(bytes);
    flipped[lastStart + 12] = flipped[lastStart + 12]! ^ 0x01;
    writeFileSync(path, flipped);
    deepEqual(readJournal(path).torn?.reason, 'checksum mismatch');
    const early = Buffer.from(bytes);
    early[12] = early[12]! ^ 0x01;
    writeFileSync(path, early);
    throws(() => readJournal(path), StateStoreError);
  });

  it('NUL bytes after the records (a power cut on ext4) read as one torn record', () => {
    const path = join(dir, 'j');
    write(path);
    appendFileSync(path, Buffer.alloc(4096));
    const read = readJournal(path);
    deepEqual(read.records, records);
    equal(read.torn?.reason, 'no end of line');
  });

  it('a journal cut at any byte reads as the records before the cut (fuzz)', () => {
    const path = join(dir, 'j');
    const frames = records.map((r) => Buffer.from(frameRecord(JSON.stringify(r))));
    const whole = Buffer.concat(frames);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length }), (cut) => {
        writeFileSync(path, whole.subarray(0, cut));
        const read = readJournal(path);
        let end = 0;
        let complete = 0;
        for (const f of frames) {
          if (end + f.length > cut) break;
          end += f.length;
          complete++;
        }
        deepEqual(read.records, records.slice(0, complete));
        ok((read.torn !== undefined) === cut > end, `cut ${cut}`);
      }),
    );
  });

  it('always: whenDurable answers after a flush, in the order asked; batch and off at once', async () => {
    const w = new JournalWriter(join(dir, 'always'), 'always', (e) => {
      throw e;
    });
    const done: number[] = [];
    w.append(frameRecord('{"seq":1}'));
    w.whenDurable(() => done.push(1));
    w.append(frameRecord('{"seq":2}')); // written during the first flush: covered by the next
    w.whenDurable(() => done.push(2));
    deepEqual(done, [], 'not before a flush');
    ok(w.flushing);
    equal(w.flushStats.flushes, 0, 'a flush counts when it is done');
    while (w.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    deepEqual(done, [1, 2]);
    // the first flush and the one that covered the record written during it
    equal(w.flushStats.flushes, 2);
    ok(w.flushStats.flushMs > 0, 'their time is measured');
    await w.close();
    for (const policy of ['batch', 'off'] as const) {
      const other = new JournalWriter(join(dir, policy), policy, (e) => {
        throw e;
      });
      let now = false;
      other.append(frameRecord('{"seq":1}'));
      other.whenDurable(() => (now = true));
      ok(now, `${policy}: the kernel's copy is its promise`);
      if (policy === 'off')
        equal(other.flushStats.flushes, 0, 'off: never flushed in the background');
      await other.close();
    }
  });

  it('always: close lets every waiting answer out after its last flush', async () => {
    const w = new JournalWriter(join(dir, 'closing'), 'always', (e) => {
      throw e;
    });
    let answered = false;
    w.append(frameRecord('{"seq":1}'));
    w.whenDurable(() => (answered = true));
    await w.close();
    ok(answered);
    equal(w.flushing, false);
  });

  it('truncate empties the journal and later appends start at its beginning', async () => {
    const path = join(dir, 'j');
    const w = new JournalWriter(path, 'always', (e) => {
      throw e;
    });
    w.append(frameRecord('{"seq":1}'));
    w.truncate();
    w.append(frameRecord('{"seq":2}'));
    await w.close();
    deepEqual(readJournal(path).records, [{ seq: 2 }]);
  });

  it('appendJson writes the bytes append(frameRecord(json)) writes, past the size of its buffer too (fuzz)', async () => {
    const framed = join(dir, 'framed');
    const direct = join(dir, 'direct');
    const a = new JournalWriter(framed, 'off', (e) => {
      throw e;
    });
    const b = new JournalWriter(direct, 'off', (e) => {
      throw e;
    });
    const texts = fc.sample(fc.json({ maxDepth: 3 }), { numRuns: 200, seed: 15 });
    texts.push(JSON.stringify({ big: 'ü€'.repeat(20_000) }), JSON.stringify(['\u2028', '😀']));
    for (const json of texts) {
      a.append(frameRecord(json));
      b.appendJson(json);
    }
    equal(b.size, a.size);
    await a.close();
    await b.close();
    deepEqual(readFileSync(direct), readFileSync(framed));
    equal(readJournal(direct).records.length, texts.length);
  });

  it('batch: background flushes wait for their interval; close() flushes the rest and cancels the wait', async () => {
    const path = join(dir, 'j');
    const errors: unknown[] = [];
    const w = new JournalWriter(path, 'batch', (e) => errors.push(e));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    w.appendJson('{"seq":1}'); // flushed at once (no flush before it)
    await sleep(1);
    for (let i = 2; i <= 50; i++) w.appendJson(`{"seq":${i}}`); // within the interval: one later flush
    await w.close();
    await sleep(3 * BATCH_SYNC_INTERVAL_MS);
    deepEqual(errors, [], 'no flush ran on the closed file');
    equal(readJournal(path).records.length, 50);
  });
});
