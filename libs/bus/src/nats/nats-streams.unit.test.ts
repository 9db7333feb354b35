import { deepStrictEqual, rejects } from 'node:assert/strict';
import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { BusUsageError } from '../bus.errors.js';
import type { WireStream } from '../namespace.js';
import { ensureStream } from './nats-streams.js';

const STREAM: WireStream = {
  name: 'NS_EVT',
  subjects: ['ns.evt.>'],
  retention: 'limits',
  duplicateWindowMs: 60_000,
  maxAgeMs: 0,
};

const apiError = (err_code: number, description: string) =>
  new JetStreamApiError({ err_code, code: 400, description });

/** A JetStream manager whose `add` fails with `error`; `info` finds the stream when `exists`. */
function manager(error: Error, exists: boolean) {
  const calls: string[] = [];
  const jsm = {
    streams: {
      add: () => (calls.push('add'), Promise.reject(error)),
      info: (name: string) => (
        calls.push(`info ${name}`),
        exists ? Promise.resolve({}) : Promise.reject(apiError(10059, 'stream not found'))
      ),
      update: (name: string) => (calls.push(`update ${name}`), Promise.resolve({})),
    },
  } as unknown as JetStreamManager;
  return { jsm, calls };
}

describe('ensureStream: two creators of one stream at once', () => {
  it('"subjects overlap" from the stream of this very name (created meanwhile) is the name in use: updated', async () => {
    const { jsm, calls } = manager(
      apiError(10065, 'subjects overlap with an existing stream'),
      true,
    );
    await ensureStream(jsm, STREAM);
    deepStrictEqual(calls, ['add', 'info NS_EVT', 'update NS_EVT']);
  });

  it('an overlap with another stream (none of this name) is a configuration mistake', async () => {
    const { jsm, calls } = manager(
      apiError(10065, 'subjects overlap with an existing stream'),
      false,
    );
    await rejects(ensureStream(jsm, STREAM), BusUsageError);
    deepStrictEqual(calls, ['add', 'info NS_EVT']);
  });

  it('the name in use is updated without a lookup, as before', async () => {
    const { jsm, calls } = manager(apiError(10058, 'stream name already in use'), true);
    await ensureStream(jsm, STREAM);
    deepStrictEqual(calls, ['add', 'update NS_EVT']);
  });
});
