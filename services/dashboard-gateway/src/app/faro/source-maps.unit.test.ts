import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceMaps } from './source-maps.js';

/**
 * A chunk's map, written by hand (lines 1-based, columns 0-based): generated 1:0 → `src/a.ts`
 * 1:0; 2:0 → 2:0; 2:6 → 11:3 (VLQ `AAAA;AACA,MASG`).
 */
const MAP = JSON.stringify({
  version: 3,
  file: 'app-1a2b.js',
  sources: ['../../src/a.ts'],
  names: [],
  mappings: 'AAAA;AACA,MASG',
});

describe('dashboard-gateway faro: source maps resolve the page’s frames', () => {
  let dir: string;
  let maps: SourceMaps;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoga-maps-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets', 'app-1a2b.js.map'), MAP);
    await writeFile(join(dir, 'secret.js.map'), MAP);
    maps = new SourceMaps(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("names a build chunk's frame by its original file, line and column (1-based, as Faro's)", async () => {
    deepStrictEqual(
      await maps.frame({
        filename: 'http://127.0.0.1:8790/assets/app-1a2b.js',
        function: 'o',
        lineno: 2,
        colno: 8,
      }),
      { filename: 'src/a.ts', function: 'o', lineno: 11, colno: 4 },
    );
    // a query string is no other file
    strictEqual(
      (await maps.frame({ filename: 'http://h/assets/app-1a2b.js?v=2', lineno: 1, colno: 1 }))
        .filename,
      'src/a.ts',
    );
  });

  it('keeps any other frame as it came: no map, not a chunk, outside assets/, not a URL, no line', async () => {
    for (const frame of [
      { filename: 'http://h/assets/other-9.js', lineno: 2, colno: 8 },
      { filename: 'http://h/secret.js', lineno: 2, colno: 8 },
      { filename: 'http://h/assets/../secret.js', lineno: 2, colno: 8 },
      { filename: 'http://h/assets/%2e%2e%2fsecret.js', lineno: 2, colno: 8 },
      { filename: 'http://h/assets/.app-1a2b.js', lineno: 2, colno: 8 },
      { filename: '<anonymous>', lineno: 2, colno: 8 },
      { filename: 'http://h/assets/app-1a2b.js' },
      { filename: 'http://h/assets/app-1a2b.js', lineno: '2' },
      { function: 'x' },
    ])
      deepStrictEqual(await maps.frame(frame), frame, JSON.stringify(frame));
  });

  it('keeps a broken map as no map', async () => {
    await writeFile(join(dir, 'assets', 'broken-1.js.map'), '{ not json');
    const frame = { filename: 'http://h/assets/broken-1.js', lineno: 1, colno: 1 };
    deepStrictEqual(await maps.frame(frame), frame);
  });
});
