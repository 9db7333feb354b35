import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createTraceparent, isValidTraceparent, parseTraceparent } from './trace-context.js';

describe('W3C traceparent', () => {
  it('parses the example of the specification', () => {
    deepStrictEqual(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'), {
      version: '00',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
      flags: 1,
    });
  });

  it('rejects what the specification rejects', () => {
    for (const bad of [
      '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', // upper case
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01', // zero trace id
      '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01', // zero parent id
      'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', // forbidden version
      '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra', // extra field on version 00
      '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', // short trace id
      '',
    ]) {
      strictEqual(isValidTraceparent(bad), false, bad);
    }
  });

  it('accepts extra fields from a later version', () => {
    ok(
      isValidTraceparent(
        '01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds',
      ),
    );
  });

  it('creates valid headers: a new sampled trace, or a child span of the same trace', () => {
    const root = parseTraceparent(createTraceparent());
    ok(root !== undefined);
    strictEqual(root.flags, 1);
    const child = parseTraceparent(createTraceparent({ parent: root }));
    ok(child !== undefined);
    strictEqual(child.traceId, root.traceId);
    ok(child.parentId !== root.parentId);
    strictEqual(parseTraceparent(createTraceparent({ sampled: false }))?.flags, 0);
  });

  it('draws fresh ids across refills of its random pool (2,000 traces: four refills)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const header = createTraceparent();
      const parsed = parseTraceparent(header);
      ok(parsed !== undefined, header);
      seen.add(parsed.traceId).add(parsed.parentId);
    }
    strictEqual(seen.size, 4000);
  });
});
