import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { escapeHtml, splitHtml, TELEGRAM_MAX_TEXT } from './html.js';

describe('escapeHtml', () => {
  it('escapes &, < and > so content is literal', () =>
    strictEqual(escapeHtml('a < b && c > d'), 'a &lt; b &amp;&amp; c &gt; d'));
});

describe('splitHtml', () => {
  it('keeps a short text whole', () =>
    deepStrictEqual(splitHtml('<b>hi</b>\nthere'), ['<b>hi</b>\nthere']));

  it('splits at line boundaries into parts of at most 4096 characters, losing nothing', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const parts = splitHtml(lines.join('\n'));
    ok(parts.length > 1);
    for (const p of parts) ok(p.length <= TELEGRAM_MAX_TEXT);
    deepStrictEqual(parts.join('\n').split('\n'), lines);
  });

  it('cuts an over-long line outside entities and tags', () => {
    const line = `${'&amp;'.repeat(1000)}<b>${'y'.repeat(200)}</b>`;
    const parts = splitHtml(line, 1003);
    strictEqual(parts.join(''), line);
    for (const p of parts) {
      ok(p.length <= 1003);
      ok(!/&[a-z]*$/.test(p), `part ends inside an entity: ${p.slice(-6)}`);
      ok(!/<[^>]*$/.test(p), 'part ends inside a tag');
    }
  });
});
