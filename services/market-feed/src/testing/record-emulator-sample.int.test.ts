import { deepEqual } from 'node:assert/strict';
import { recordEmulatorSample } from './record-emulator-sample.js';

describe('the sample recorder', () => {
  it('records the snapshot and every frame of every step, the same way each time', async () => {
    const lines = await recordEmulatorSample({ steps: 3 });
    const kinds = lines.map((l) => {
      const f = JSON.parse(l) as { type: string; code: string; stream_type: string };
      return `${f.type} ${f.code} ${f.stream_type}`;
    });
    deepEqual(kinds.slice(0, 4).sort(), [
      'ticker KRW-BTC SNAPSHOT',
      'ticker KRW-XRP SNAPSHOT',
      'trade KRW-BTC SNAPSHOT',
      'trade KRW-ETH SNAPSHOT',
    ]);
    deepEqual(kinds.length, 16);
    deepEqual(await recordEmulatorSample({ steps: 3 }), lines);
  });
});
