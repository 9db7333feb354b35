import './browser-env.js';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { mergeReceipt, type Receipt } from '../src/commands.js';
import {
  cancelled,
  closed,
  confirmed,
  opened,
  problemsOf,
  settled,
  type ConfirmRules,
  type ConfirmState,
  type Send,
  validRate,
} from '../src/confirm-flow.js';

const close: ConfirmRules = { reasonRequired: false, typeToConfirm: 'KRW-BTC' };
const halt: ConfirmRules = { reasonRequired: true };
const arm: ConfirmRules = { reasonRequired: true, extraValid: validRate };
const input = (reason = '', typed = '', extra = '') => ({ reason, typed, extra });

describe('web: a confirmation sends exactly one request', () => {
  it('asks for what each command needs before Confirm may send', () => {
    deepStrictEqual(problemsOf(close, input('', '')), ['typed']);
    deepStrictEqual(problemsOf(close, input('', 'KRW-ETH')), ['typed']);
    deepStrictEqual(problemsOf(close, input('', ' KRW-BTC ')), []);
    deepStrictEqual(problemsOf(halt, input('   ')), ['reason']);
    deepStrictEqual(problemsOf(halt, input('lunch')), []);
    deepStrictEqual(problemsOf(arm, input('r', '', '0')), ['extra']);
    deepStrictEqual(problemsOf(arm, input('r', '', '100.5')), ['extra']);
    deepStrictEqual(problemsOf(arm, input('r', '', '10')), []);
    deepStrictEqual(problemsOf(arm, input('', '', 'x')), ['reason', 'extra']);
  });

  it('sends once on a double click: the second Confirm finds it sending', () => {
    const open = opened(closed, 'cmd-1');
    const first = confirmed(open, close, input('test', 'KRW-BTC'));
    deepStrictEqual(first.send, { commandId: 'cmd-1', reason: 'test', extra: '' });
    strictEqual(first.state.phase, 'sending');
    const second = confirmed(first.state, close, input('test', 'KRW-BTC'));
    strictEqual(second.send, null);
    strictEqual(second.state, first.state);
    // the answer closes it; a Confirm after that sends nothing either
    const done = settled(second.state, 'cmd-1');
    strictEqual(done.phase, 'closed');
    strictEqual(confirmed(done, close, input('test', 'KRW-BTC')).send, null);
  });

  it('sends nothing while the input is not valid, and stays open', () => {
    const open = opened(closed, 'cmd-2');
    const r = confirmed(open, halt, input(' '));
    strictEqual(r.send, null);
    strictEqual(r.state, open);
  });

  it('keeps the command id of the click while open; a new click after closing makes a new one', () => {
    const open = opened(closed, 'cmd-3');
    strictEqual(opened(open, 'cmd-4'), open);
    strictEqual(cancelled(open).phase, 'closed');
    deepStrictEqual(opened(cancelled(open), 'cmd-4'), { phase: 'open', commandId: 'cmd-4' });
  });

  it('does not cancel a request on its way, and ignores the answer of another command', () => {
    const sending = confirmed(opened(closed, 'cmd-5'), halt, input('why')).state;
    strictEqual(cancelled(sending), sending);
    strictEqual(settled(sending, 'cmd-other'), sending);
  });

  it('property: whatever the operator does, each command id is sent at most once, only valid', () => {
    type Act =
      | { a: 'open' }
      | { a: 'type'; reason: string; typed: string }
      | { a: 'confirm' }
      | { a: 'cancel' }
      | { a: 'answer' };
    const act = fc.oneof(
      fc.constant<Act>({ a: 'open' }),
      fc.record({
        a: fc.constant('type' as const),
        reason: fc.constantFrom('', ' ', 'why'),
        typed: fc.constantFrom('', 'KRW-BTC', 'KRW-ETH'),
      }),
      fc.constant<Act>({ a: 'confirm' }),
      fc.constant<Act>({ a: 'confirm' }),
      fc.constant<Act>({ a: 'cancel' }),
      fc.constant<Act>({ a: 'answer' }),
    );
    fc.assert(
      fc.property(fc.array(act, { maxLength: 40 }), fc.boolean(), (acts, required) => {
        const rules: ConfirmRules = { reasonRequired: required, typeToConfirm: 'KRW-BTC' };
        let s: ConfirmState = closed;
        let now = input();
        let ids = 0;
        const sends: Send[] = [];
        for (const x of acts) {
          if (x.a === 'open') {
            const before = s;
            s = opened(s, `cmd-${ids + 1}`);
            if (s !== before) ids += 1;
          } else if (x.a === 'type') now = input(x.reason, x.typed);
          else if (x.a === 'confirm') {
            const r = confirmed(s, rules, now);
            s = r.state;
            if (r.send !== null) {
              deepStrictEqual(problemsOf(rules, now), []);
              sends.push(r.send);
            }
          } else if (x.a === 'cancel') s = cancelled(s);
          else if (s.phase === 'sending') s = settled(s, s.commandId);
        }
        const sentIds = sends.map((x) => x.commandId);
        strictEqual(new Set(sentIds).size, sentIds.length);
        ok(sentIds.length <= ids);
      }),
    );
  });
});

describe("web: a receipt shows how far its command came (the page's and the gateway's word)", () => {
  const mine = (status: Receipt['status']): Receipt => ({
    commandId: 'c',
    command: 'position.close',
    positionId: 'p',
    status,
    error: null,
    at: 0,
  });

  it('moves on with the gateway: sent → accepted → done', () => {
    strictEqual(mergeReceipt(mine('sending'), { status: 'sent' }).status, 'sent');
    strictEqual(mergeReceipt(mine('sending'), { status: 'accepted' }).status, 'accepted');
    strictEqual(mergeReceipt(mine('accepted'), { status: 'done' }).status, 'done');
  });

  it("never goes back: the HTTP answer's accepted stays when the channel still says sent", () => {
    strictEqual(mergeReceipt(mine('accepted'), { status: 'sent' }).status, 'accepted');
    strictEqual(mergeReceipt(mine('accepted'), undefined).status, 'accepted');
    strictEqual(mergeReceipt(mine('accepted'), { status: 'bogus' }).status, 'accepted');
  });

  it("keeps a denial's reason as a message key with the service's words", () => {
    const r = mergeReceipt(mine('sending'), {
      status: 'denied',
      error: { code: 'denied', message: 'position is closed' },
    });
    strictEqual(r.status, 'denied');
    deepStrictEqual(r.error, {
      key: 'errors.api.denied',
      params: { detail: 'position is closed' },
    });
  });
});
