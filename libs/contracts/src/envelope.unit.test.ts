import { deepEqual, equal } from 'node:assert/strict';
import * as t from 'io-ts';
import { decodeOrThrow } from '@hoga/model';
import { failingPaths, meta } from './testing/codec.js';
import { envelope, wrap } from './envelope.js';
import type { MessageCodec } from './route.js';

const Ping = envelope('Ping', t.strict({ n: t.number }));

describe('envelope', () => {
  it('is a MessageCodec of its message type', () => {
    const codec: MessageCodec<t.TypeOf<typeof Ping>> = Ping;
    equal(codec.name, 'Ping');
  });
  it('wraps data with provenance and decodes it back', () => {
    const message = wrap('Ping', { n: 1 }, meta);
    deepEqual(decodeOrThrow(Ping, message), message);
    deepEqual(decodeOrThrow(Ping, { ...message, causationId: null }).causationId, null);
  });
  it('refuses bad ids, times and a missing correlation, naming each', () => {
    const message = wrap('Ping', { n: 1 }, meta);
    deepEqual(failingPaths(Ping, { ...message, id: 'has space' }), ['id']);
    deepEqual(failingPaths(Ping, { ...message, causationId: '' }), ['causationId']);
    deepEqual(failingPaths(Ping, { ...message, occurredAt: '2026-11-23 10:00' }), ['occurredAt']);
    deepEqual(failingPaths(Ping, { ...message, occurredAt: '2026-13-45T10:00:00Z' }), [
      'occurredAt',
    ]);
    deepEqual(failingPaths(Ping, { ...message, correlationId: undefined }), ['correlationId']);
    deepEqual(failingPaths(Ping, { ...message, type: 'Pong' }), ['type']);
  });
});
