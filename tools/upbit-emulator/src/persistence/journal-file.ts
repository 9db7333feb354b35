import {
  closeSync,
  existsSync,
  fdatasync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32 } from 'node:zlib';

/**
 * When journal writes are forced to the disk: `always` = a record that changes an account is on
 * the disk before the change is acknowledged (group commit: the answers wait for the flush, the
 * event loop does not — records written during a flush are covered by the next one; records of
 * prices only are flushed in the background), `batch` = in the background soon after the write,
 * at most one flush per {@link BATCH_SYNC_INTERVAL_MS} (a power cut loses at most the last ~10 ms
 * of records and the flush in progress), `off` = when the operating system decides. Every policy
 * survives a killed process: a record is written to the kernel before the change is acknowledged.
 */
export type FsyncPolicy = 'always' | 'batch' | 'off';
export const FSYNC_POLICIES: readonly FsyncPolicy[] = ['always', 'batch', 'off'];

/**
 * The shortest time between two background flushes: under a steady stream of writes, flushes
 * back to back cost a disk flush's kernel CPU each (measured in `bench/README.md`); one per
 * 10 ms bounds them to 100 a second.
 */
export const BATCH_SYNC_INTERVAL_MS = 10;

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** A stored state that cannot be used (a damaged snapshot, a corrupt record before the last). */
export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';
}

/** The last record of a journal, cut short or damaged (a crash while writing it): ignored. */
export interface TornRecord {
  /** 1-based line number. */
  readonly line: number;
  readonly bytes: number;
  readonly reason: string;
}

/** One journal line: `<crc32 of the JSON's UTF-8 bytes, 8 hex digits> <JSON>\n`. */
export function frameRecord(json: string): string {
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

function unframe(line: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (line.length < 10 || line[8] !== 0x20) return { ok: false, reason: 'no checksum' };
  const crc = line.subarray(0, 8).toString('latin1');
  const body = line.subarray(9);
  if (!/^[0-9a-f]{8}$/.test(crc)) return { ok: false, reason: 'no checksum' };
  if (crc32(body).toString(16).padStart(8, '0') !== crc)
    return { ok: false, reason: 'checksum mismatch' };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}

/** What a journal file holds: its intact records, and the torn last one if any. */
export interface JournalContent {
  readonly records: readonly unknown[];
  readonly torn: TornRecord | undefined;
}

/**
 * Reads a journal. A damaged or unterminated LAST line is a record a crash cut short: it is
 * reported in `torn` and ignored. A damaged line with intact lines after it is not a crash
 * but corruption: {@link StateStoreError}.
 */
export function readJournal(path: string): JournalContent {
  if (!existsSync(path)) return { records: [], torn: undefined };
  const bytes = readFileSync(path);
  const records: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    line++;
    const end = bytes.indexOf(0x0a, start);
    if (end < 0)
      return {
        records,
        torn: { line, bytes: bytes.length - start, reason: 'no end of line' },
      };
    const read = unframe(bytes.subarray(start, end));
    if (!read.ok) {
      if (end + 1 >= bytes.length)
        return { records, torn: { line, bytes: end + 1 - start, reason: read.reason } };
      throw new StateStoreError(
        `journal ${path} is corrupt at line ${line} (${read.reason}) with records after it`,
      );
    }
    records.push(read.value);
    start = end + 1;
  }
  return { records, torn: undefined };
}

/** Forces a directory entry change (a rename) to the disk. */
function syncDirectory(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces `path` atomically: a reader sees the old or the new content, never a mix. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDirectory(path);
}

/** An append-only journal file with an fsync policy. */
export class JournalWriter {
  #fd: number;
  #size = 0;
  #syncing: Promise<void> | undefined;
  #unsynced = false;
  #syncTimer: NodeJS.Timeout | undefined;
  #lastSyncAt = Number.NEGATIVE_INFINITY;
  #closed = false;
  #buffer = Buffer.allocUnsafe(16 * 1024);
  /** Bytes written over the writer's life (truncations do not lower it): what a flush covers. */
  #written = 0;
  /** Answers waiting for the bytes written before them to reach the disk (`always`). */
  #waiters: { readonly upTo: number; readonly done: (error?: unknown) => void }[] = [];
  #flushes = 0;
  #flushMs = 0;

  /** Opens `path` empty (its records must already be in a snapshot). */
  constructor(
    readonly path: string,
    readonly policy: FsyncPolicy,
    private readonly onError: (e: unknown) => void,
  ) {
    this.#fd = openSync(path, 'w', 0o600);
    fsyncSync(this.#fd);
    syncDirectory(path);
  }

  /** Bytes written since the last truncation. */
  get size(): number {
    return this.#size;
  }

  /**
   * Writes one framed record (to the kernel at once; to the disk per the policy: with `always`,
   * unless `minor` — a record whose loss in a power cut costs nothing — the next flush starts at
   * once and {@link whenDurable} tells when it is done).
   */
  append(record: string, minor = false): void {
    const bytes = Buffer.from(record, 'utf8');
    this.#appendBytes(bytes, bytes.length, minor);
  }

  /**
   * Frames the JSON text `json` ({@link frameRecord}) and appends it like {@link append}, with
   * one UTF-8 encoding (into a buffer kept between records) for both the checksum and the write.
   * Returns the bytes appended.
   */
  appendJson(json: string, minor = false): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; 9 bytes of checksum and space, 1 of newline
    const need = json.length * 3 + 10;
    if (this.#buffer.length < need)
      this.#buffer = Buffer.allocUnsafe(Math.max(need, 2 * this.#buffer.length));
    const buffer = this.#buffer;
    const length = buffer.write(json, 9, 'utf8');
    // the checksum as 8 lowercase hex digits, written digit by digit
    const crc = crc32(buffer.subarray(9, 9 + length));
    for (let i = 0; i < 8; i++) buffer[i] = HEX[(crc >>> (28 - 4 * i)) & 0xf]!;
    buffer[8] = 0x20;
    buffer[9 + length] = 0x0a;
    this.#appendBytes(buffer, length + 10, minor);
    return length + 10;
  }

  #appendBytes(buffer: Buffer, bytes: number, minor: boolean): void {
    const written = writeSync(this.#fd, buffer, 0, bytes, this.#size);
    // a short write (disk full) leaves part of a record: the caller replaces the journal
    if (written !== bytes) throw new Error(`short write: ${written} of ${bytes} bytes`);
    this.#size += bytes;
    this.#written += bytes;
    if (this.policy === 'always' && !minor) this.#flushNow();
    else if (this.policy !== 'off') this.#syncSoon();
  }

  /**
   * Calls `done` once every record written so far is on the disk: after the flush that covers
   * it under `always` (with the flush's error, if it failed), at once under `batch` and `off`
   * (their promise is the kernel's copy, which the write already made).
   */
  whenDurable(done: (error?: unknown) => void): void {
    if (this.policy !== 'always' || this.#closed) return done();
    this.#waiters.push({ upTo: this.#written, done });
    this.#flushNow();
  }

  /**
   * Background flushes finished over the writer's life, and the time they took in all (ms, from
   * the request to libuv's thread pool to its callback: what an answer waiting for one waits).
   */
  get flushStats(): { readonly flushes: number; readonly flushMs: number } {
    return { flushes: this.#flushes, flushMs: this.#flushMs };
  }

  /** Whether an answer is waiting for a flush (a reader must not see what it has not covered). */
  get flushing(): boolean {
    return this.#waiters.length > 0;
  }

  /** Empties the journal (after a snapshot took its records). */
  truncate(): void {
    ftruncateSync(this.#fd, 0);
    this.#size = 0;
    if (this.policy !== 'off') fdatasyncSync(this.#fd);
    // the caller's snapshot (written and flushed before) holds every record written so far
    this.#release(this.#written);
  }

  /** Waits for the background sync, forces what is left to the disk and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    await this.#syncing;
    fdatasyncSync(this.#fd);
    this.#release(this.#written);
    closeSync(this.#fd);
  }

  /** Lets out the answers whose records are covered by a flush of the first `covered` bytes. */
  #release(covered: number, error?: unknown): void {
    let n = 0;
    while (n < this.#waiters.length && this.#waiters[n]!.upTo <= covered) n++;
    if (n === 0) return;
    const ready = this.#waiters.splice(0, n);
    for (const w of ready) w.done(error);
  }

  /** A flush now (`always`): or right after the one in progress, which started too early. */
  #flushNow(): void {
    if (this.#syncing || this.#closed) return; // the flush in progress starts the next one
    clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    this.#startSync();
  }

  /**
   * One background fdatasync at a time, at most one per {@link BATCH_SYNC_INTERVAL_MS}; writes
   * made during it or the wait get another one after it.
   */
  #syncSoon(): void {
    this.#unsynced = true;
    if (this.#syncing || this.#syncTimer || this.#closed) return;
    const wait = this.#lastSyncAt + BATCH_SYNC_INTERVAL_MS - performance.now();
    if (wait > 0) {
      this.#syncTimer = setTimeout(() => {
        this.#syncTimer = undefined;
        this.#syncSoon();
      }, wait);
      // close() flushes whatever is left: the timer need not keep the process alive
      this.#syncTimer.unref();
      return;
    }
    this.#startSync();
  }

  /** One fdatasync on libuv's thread pool; the event loop goes on matching meanwhile. */
  #startSync(): void {
    const covered = this.#written;
    this.#unsynced = false;
    const started = performance.now();
    this.#lastSyncAt = started;
    this.#syncing = new Promise<void>((resolve) =>
      fdatasync(this.#fd, (e) => {
        this.#flushes += 1;
        this.#flushMs += performance.now() - started;
        this.#syncing = undefined;
        if (e) this.onError(e);
        this.#release(covered, e ?? undefined);
        resolve();
        if (this.#waiters.length > 0) this.#flushNow();
        else if (this.#unsynced) this.#syncSoon();
      }),
    );
  }
}
