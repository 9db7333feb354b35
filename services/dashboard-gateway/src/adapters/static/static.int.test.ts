import { ok, rejects, strictEqual } from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { IMMUTABLE, PLACEHOLDER_DIR, isAppPath } from './static.module.js';

const errorCode = (json: unknown): string | undefined =>
  (json as { error?: { code?: string } } | undefined)?.error?.code;

describe('dashboard-gateway static files: the placeholder page', function () {
  this.timeout(30_000);
  const harness = new GatewayHarness('gateway_static_placeholder', {
    staticDir: PLACEHOLDER_DIR,
  });
  before(() => harness.start());
  after(() => harness.stop());

  it('sends a browser without a session from / (and app paths) to /login', async () => {
    for (const path of ['/', '/positions/pos-1']) {
      const reply = await harness.client('anonymous').get(path);
      strictEqual(reply.status, 303, path);
      strictEqual(reply.headers.get('location'), '/login');
    }
  });

  it('serves the placeholder to a session at / and at every app path, revalidated (no-cache)', async () => {
    const viewer = harness.client('viewer');
    for (const path of ['/', '/positions/pos-1', '/timeline']) {
      const reply = await viewer.get(path);
      strictEqual(reply.status, 200, path);
      ok(reply.headers.get('content-type')?.startsWith('text/html'));
      strictEqual(reply.headers.get('cache-control'), 'no-cache');
      ok(reply.text.includes('Stage 8'), reply.text);
      ok(reply.text.includes('README.md'));
      // no inline script or style: every script has a src, no style attribute or element
      for (const tag of reply.text.match(/<script[^>]*>/g) ?? []) ok(tag.includes(' src='), tag);
      ok(!/ style=|<style/i.test(reply.text));
    }
    for (const file of ['/placeholder.css', '/placeholder.js']) {
      const reply = await viewer.get(file);
      strictEqual(reply.status, 200, file);
      strictEqual(reply.headers.get('cache-control'), 'no-cache');
    }
  });

  it('keeps unknown API paths, assets and files a JSON 404', async () => {
    const viewer = harness.client('viewer');
    for (const path of ['/api/nope', '/api', '/assets/app-0.js', '/favicon.ico', '/index.html']) {
      const reply = await viewer.get(path);
      strictEqual(reply.status, 404, path);
      strictEqual(errorCode(reply.json), 'not-found', path);
    }
  });
});

describe('dashboard-gateway static files: a web build', function () {
  this.timeout(30_000);
  let dir: string;
  let harness: GatewayHarness;
  const script = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `'row ${String(i)}'`).join(', ')}];\n`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoga-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><title>web</title><script type="module" src="/assets/app-1a2b3c.js"></script>',
    );
    await writeFile(join(dir, 'assets', 'app-1a2b3c.js'), script);
    await writeFile(join(dir, 'assets', 'app-1a2b3c.js.map'), '{"version":3,"sources":[]}');
    await writeFile(join(dir, 'favicon.ico'), Buffer.alloc(64, 1));
    harness = await new GatewayHarness('gateway_static_build', { staticDir: dir }).start();
  });
  after(async () => {
    await harness?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves hashed assets immutable for a year, other files and index.html no-cache', async () => {
    const viewer = harness.client('viewer');
    const asset = await viewer.get('/assets/app-1a2b3c.js');
    strictEqual(asset.status, 200);
    strictEqual(asset.headers.get('cache-control'), IMMUTABLE);
    ok(asset.headers.get('content-type')?.includes('javascript'));
    strictEqual(asset.text, script);
    const icon = await viewer.get('/favicon.ico');
    strictEqual(icon.status, 200);
    strictEqual(icon.headers.get('cache-control'), 'no-cache');
    const index = await viewer.get('/some/app/path');
    strictEqual(index.status, 200);
    ok(index.text.includes('/assets/app-1a2b3c.js'));
    strictEqual(index.headers.get('cache-control'), 'no-cache');
  });

  it("does not serve the build's source maps (the gateway reads them itself): a JSON 404", async () => {
    for (const role of ['viewer', 'anonymous'] as const) {
      const reply = await harness.client(role).get('/assets/app-1a2b3c.js.map');
      strictEqual(reply.status, 404, role);
      strictEqual(errorCode(reply.json), 'not-found', role);
    }
  });

  it('compresses with gzip when asked (and not when not)', async () => {
    const gzipped = await harness.gateway.app.inject({
      method: 'GET',
      url: '/assets/app-1a2b3c.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    strictEqual(gzipped.statusCode, 200);
    strictEqual(gzipped.headers['content-encoding'], 'gzip');
    ok(gzipped.rawPayload.length < script.length / 3, String(gzipped.rawPayload.length));
    strictEqual(gunzipSync(gzipped.rawPayload).toString(), script);
    strictEqual(gzipped.headers['cache-control'], IMMUTABLE);
    const plain = await harness.gateway.app.inject({
      method: 'GET',
      url: '/assets/app-1a2b3c.js',
      headers: { 'accept-encoding': 'identity' },
    });
    strictEqual(plain.headers['content-encoding'], undefined);
    strictEqual(plain.payload, script);
  });

  it('a static dir without index.html stops the gateway from starting', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'hoga-web-empty-'));
    const broken = new GatewayHarness('gateway_static_broken', { staticDir: empty });
    try {
      await rejects(broken.start(), /has no index.html/);
    } finally {
      await broken.stop();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('knows app paths from API, asset and file paths', () => {
    for (const path of ['/', '/positions/pos-1', '/a/b/c'])
      strictEqual(isAppPath(path), true, path);
    for (const path of ['/api', '/api/x', '/assets/x', '/x.js', '/a/b.png'])
      strictEqual(isAppPath(path), false, path);
  });
});
