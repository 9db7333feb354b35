import { equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { dec } from '@hoga/model';
import type { AccountSpec } from '../exchange/account.js';
import {
  accountInputText,
  balancesInputText,
  cancelInputText,
  inputRecordText,
  orderInputText,
  storedSpecOf,
  tradeInputText,
} from './record-text.js';
import { InputRecordC } from './input-record-codec.js';

const decimal = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 40 }))
  .map(([digits, scale]) => dec(`${digits}e-${scale}`));
const text = fc.string({ unit: 'binary' });
const time = fc.integer({ min: 0, max: 2 ** 47 });
const word = fc.integer({ min: 0, max: 0xffffffff });
/** A request body as JSON.parse or a query string gives it: strings, numbers, null, nesting. */
const body = fc.dictionary(
  text,
  fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)),
);
const spec: fc.Arbitrary<AccountSpec> = fc.record(
  {
    accessKey: text,
    secretKey: text,
    scopes: fc.subarray(['accounts', 'orders:read', 'orders:write'] as const),
    allowedIps: fc.array(text, { maxLength: 3 }),
    expiresAt: time,
  },
  { requiredKeys: ['accessKey', 'secretKey'] },
);

describe('persistence: journal record text (format 3, inputs)', () => {
  it('writes each input and the record exactly as JSON.stringify writes them, and the codec reads them back (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.tuple(time, text, body, fc.option(text, { nil: undefined })),
        fc.tuple(time, text, text),
        fc.tuple(time, text, decimal),
        fc.tuple(text, fc.dictionary(text, decimal)),
        spec,
        fc.nat(),
        fc.tuple(word, word, word, word),
        (o, c, tr, b, a, seq, words) => {
          const expected = [
            ['o', o[0], o[1], o[2], o[3] ?? null],
            ['c', ...c],
            ['t', tr[0], tr[1], tr[2].toString()],
            [
              'b',
              b[0],
              Object.fromEntries(Object.entries(b[1]).map(([k, v]) => [k, v.toString()])),
            ],
            ['a', storedSpecOf(a)],
          ];
          const texts = [
            orderInputText(...o),
            cancelInputText(...c),
            tradeInputText(...tr),
            balancesInputText(...b),
            accountInputText(a),
          ];
          texts.forEach((t, i) => equal(t, JSON.stringify(expected[i])));
          const record = inputRecordText(seq, texts.join(','), words);
          equal(record, JSON.stringify({ v: 3, s: seq, n: expected, r: words }));
          const decoded = InputRecordC.decode(JSON.parse(record));
          ok(E.isRight(decoded));
          equal(decoded.right.n.length, 5);
          // (JSON's view: a -0 in a body is written 0, as the live request's JSON would be)
          equal(JSON.stringify(decoded.right.n[0]), JSON.stringify(expected[0]));
          const trade = decoded.right.n[2]!;
          ok(trade[0] === 't' && trade[3].eq(tr[2]));
        },
      ),
    );
  });

  it("writes an order's body as the JSON text it came as, which reads back as the same body, and serialises a text with a line break (fuzz)", () => {
    // JSON text as a client may send it: compact, spaced around, pretty-printed, a last newline
    const asSent = [
      (json: string) => json,
      (json: string) => ` \t${json}\r `,
      (json: string) => JSON.stringify(JSON.parse(json), null, 2),
      (json: string) => `${json}\n`,
    ];
    fc.assert(
      fc.property(time, text, body, text, fc.nat(3), (at, accessKey, b, uuid, how) => {
        const sent = asSent[how]!(JSON.stringify(b));
        const input = orderInputText(at, accessKey, JSON.parse(sent), uuid, sent);
        equal(input.includes('\n'), false);
        if (!sent.includes('\n')) ok(input.includes(sent));
        const record = inputRecordText(1, input, [1, 2, 3, 4]);
        const decoded = InputRecordC.decode(JSON.parse(record));
        ok(E.isRight(decoded));
        const order = decoded.right.n[0]!;
        ok(order[0] === 'o');
        equal(JSON.stringify(order[3]), JSON.stringify(b));
        equal(order[4], uuid);
      }),
    );
  });

  it('refuses a record whose input has an unknown kind or a bad field', () => {
    const good = JSON.parse(
      inputRecordText(1, tradeInputText(1, 'KRW-BTC', dec('100')), [1, 2, 3, 4]),
    ) as { n: unknown[][] };
    ok(E.isRight(InputRecordC.decode(good)));
    for (const n of [
      [['x', 1]],
      [['t', 1, 'KRW-BTC', 'not a number']],
      [['o', 1, 'key', {}]],
      [['b', 'key', { KRW: '-1' }]],
      [['c', '1', 'key', 'uuid']],
    ])
      ok(E.isLeft(InputRecordC.decode({ ...good, n })), JSON.stringify(n));
    ok(E.isLeft(InputRecordC.decode({ ...good, r: [1, 2, 3, 2 ** 32] })));
  });
});
