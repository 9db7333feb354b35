import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** A stack frame as Faro's web SDK reports it (`exceptions[].stacktrace.frames[]`). */
export interface FaroFrame {
  readonly filename?: unknown;
  readonly function?: unknown;
  readonly lineno?: unknown;
  readonly colno?: unknown;
  readonly [key: string]: unknown;
}

/** Maps kept parsed at once (a build has a few chunks; another build's files are new names). */
const MAPS_KEPT = 16;
/** A map larger than this is not read (the page's largest is ~1 MB). */
const MAX_MAP_BYTES = 16 * 1024 * 1024;
/** Frames resolved per exception at most (Faro keeps ~50). */
export const MAX_FRAMES = 100;
/** A built chunk's URL path: `/assets/<name>.js`, the name without a slash or a leading dot. */
const CHUNK_PATH = /^\/assets\/([\w-][\w.-]{0,199}\.js)$/;

/** The path of a source in a map, as the repository names it (`../../src/app.tsx` → `src/app.tsx`). */
const sourcePath = (source: string): string => source.replace(/^(\.\.?\/)+/, '');

/**
 * Resolves the page's minified stack frames with the build's own source maps (Vite writes
 * `<chunk>.js.map` beside each chunk; the gateway reads them from its static directory, they are
 * not served, ADR 0044 addendum 1). A frame of a chunk of the build becomes the original file,
 * line and column (`src/panels/price-chart.tsx:212:17`); any other frame, or one the map does not
 * cover, is kept as it came. Parsed maps are kept (at most {@link MAPS_KEPT}); a missing or
 * unreadable map is remembered as such until the chunk name changes.
 */
export class SourceMaps {
  readonly #assets: string;
  readonly #maps = new Map<string, Promise<TraceMap | undefined>>();

  constructor(staticDir: string) {
    this.#assets = join(resolve(staticDir), 'assets') + sep;
  }

  /** The frame resolved when it is in a chunk of the build and its map covers it, else as is. */
  async frame(frame: FaroFrame): Promise<FaroFrame> {
    const { filename, lineno, colno } = frame;
    if (typeof filename !== 'string' || typeof lineno !== 'number' || lineno < 1) return frame;
    const chunk = chunkOf(filename);
    if (chunk === undefined) return frame;
    const map = await this.#map(chunk);
    if (map === undefined) return frame;
    const column = typeof colno === 'number' && colno >= 1 ? colno - 1 : 0;
    const original = originalPositionFor(map, { line: lineno, column });
    if (original.source === null || original.line === null) return frame;
    return {
      ...frame,
      filename: sourcePath(original.source),
      lineno: original.line,
      colno: original.column + 1,
    };
  }

  #map(chunk: string): Promise<TraceMap | undefined> {
    let map = this.#maps.get(chunk);
    if (map === undefined) {
      map = this.#read(chunk);
      this.#maps.set(chunk, map);
      if (this.#maps.size > MAPS_KEPT) {
        const oldest = this.#maps.keys().next();
        if (oldest.done !== true) this.#maps.delete(oldest.value);
      }
    }
    return map;
  }

  async #read(chunk: string): Promise<TraceMap | undefined> {
    const path = join(this.#assets, `${chunk}.map`);
    if (!path.startsWith(this.#assets)) return undefined;
    try {
      if ((await stat(path)).size > MAX_MAP_BYTES) return undefined;
      return new TraceMap(await readFile(path, 'utf8'));
    } catch {
      return undefined;
    }
  }
}

/** The chunk a frame's file names (`http://host:port/assets/index-Pg6P.js` → `index-Pg6P.js`). */
function chunkOf(filename: string): string | undefined {
  let path: string;
  try {
    path = new URL(filename).pathname;
  } catch {
    return undefined;
  }
  return CHUNK_PATH.exec(path)?.[1];
}

/** `file:line:col` of a frame (for the log). */
export const frameText = (f: FaroFrame): string =>
  [f.filename, f.lineno, f.colno]
    .map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : '?'))
    .join(':');
