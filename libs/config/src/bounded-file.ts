import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * A file is larger than the reader accepts: refused before it is read (a 50 MB strategy file
 * once took 1.8 GB of memory before failing). `bytes` is what the file holds, or at least
 * `maxBytes + 1` when it grew while being read or is not a regular file.
 */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`${path} is ${bytes} bytes, over the limit of ${maxBytes} bytes`);
  }
}
export const isFileTooLargeError = (e: unknown): e is FileTooLargeError =>
  e instanceof FileTooLargeError;

const utf8 = new TextDecoder('utf-8');

/** Reads at most `maxBytes + 1` bytes from an open file into one buffer; returns them. */
function boundedChunk(
  read: (buffer: Uint8Array, offset: number) => number,
  maxBytes: number,
): Uint8Array {
  const buffer = new Uint8Array(maxBytes + 1);
  let filled = 0;
  for (;;) {
    const n = read(buffer, filled);
    if (n === 0 || filled + n > maxBytes) return buffer.subarray(0, filled + n);
    filled += n;
  }
}

/**
 * Reads a UTF-8 text file of at most `maxBytes` bytes: its size is checked (fstat) before
 * anything is read, and the read itself stops after `maxBytes + 1` bytes (a file that grows, a
 * device or a pipe cannot make it read more). Throws {@link FileTooLargeError}, or the file
 * system's error (ENOENT, EACCES, EISDIR).
 */
export function readBoundedFileSync(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const { size, isFile } = statOf(fstatSync(fd));
    if (isFile && size > maxBytes) throw new FileTooLargeError(path, size, maxBytes);
    const bytes = boundedChunk(
      (buffer, offset) => readSync(fd, buffer, offset, buffer.length - offset, null),
      maxBytes,
    );
    if (bytes.length > maxBytes)
      throw new FileTooLargeError(path, Math.max(size, bytes.length), maxBytes);
    return utf8.decode(bytes);
  } finally {
    closeSync(fd);
  }
}

/** {@link readBoundedFileSync}, without blocking. */
export async function readBoundedFile(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size, isFile } = statOf(await handle.stat());
    if (isFile && size > maxBytes) throw new FileTooLargeError(path, size, maxBytes);
    const buffer = new Uint8Array(maxBytes + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      filled += bytesRead;
      if (bytesRead === 0 || filled > maxBytes) break;
    }
    if (filled > maxBytes) throw new FileTooLargeError(path, Math.max(size, filled), maxBytes);
    return utf8.decode(buffer.subarray(0, filled));
  } finally {
    await handle.close();
  }
}

const statOf = (s: { size: number; isFile(): boolean }) => ({ size: s.size, isFile: s.isFile() });
