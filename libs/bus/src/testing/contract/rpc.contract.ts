import { rpcRoute } from '@hoga/contracts';
import { Decimal, price } from '@hoga/model';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as t from 'io-ts';
import {
  isBusEncodeError,
  isBusNoRespondersError,
  isBusRequestError,
  isBusTimeoutError,
} from '../../bus.errors.js';
import type { Headers } from '../../bus.port.js';
import { ReplyErrorCode } from '../../reply-handler.js';
import { createTraceparent, TRACEPARENT } from '../../trace-context.js';
import { deferred } from '@hoga/testkit';
import {
  AnyC,
  deadLetterInbox,
  Inbox,
  QuoteC,
  rejectsWith,
  type ContractContext,
  type Quote,
} from './fixtures.js';

const MarketC = t.strict({ market: t.string }, 'QuoteRequest');

/** Request/reply: decoded replies, timeouts, no responders, error replies. */
export function rpcContract({ open, unique }: ContractContext): void {
  describe('request/reply', () => {
    it('answers with the decoded reply and hands the request headers to the handler', async () => {
      const route = rpcRoute(unique('rpc.quote'), MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      const seen = new Inbox<Headers>();
      await server.reply(route, async (d) => {
        seen.push(d.headers);
        return { market: d.data.market, price: price('0.00000123') };
      });
      const traceparent = createTraceparent();
      const reply: Quote = await client.request(
        route,
        { market: 'KRW-XRP' },
        { headers: { [TRACEPARENT]: traceparent } },
      );
      strictEqual(reply.market, 'KRW-XRP');
      ok(reply.price instanceof Decimal);
      strictEqual(reply.price.toString(), '0.00000123');
      strictEqual(seen.items[0]?.[TRACEPARENT], traceparent);
    });

    it('rejects with BusTimeoutError when the responder does not answer in time', async () => {
      const route = rpcRoute(unique('rpc.slow'), MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      const release = deferred();
      await server.reply(route, async (d) => {
        await release.promise;
        return { market: d.data.market, price: price(1) };
      });
      const error = await rejectsWith(
        client.request(route, { market: 'KRW-BTC' }, { timeoutMs: 200 }),
        isBusTimeoutError,
      );
      strictEqual(error.timeoutMs, 200);
      release.resolve();
    });

    it('rejects with BusNoRespondersError when nobody listens', async () => {
      const route = rpcRoute(unique('rpc.nobody'), MarketC, QuoteC);
      await rejectsWith(
        (await open()).request(route, { market: 'KRW-BTC' }, { timeoutMs: 2_000 }),
        isBusNoRespondersError,
      );
    });

    it('turns a handler error into BusRequestError with its code and message', async () => {
      const route = rpcRoute(unique('rpc.fail'), MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      await server.reply(route, async (d) => {
        if (d.data.market === 'KRW-NONE')
          throw Object.assign(new Error('no such market'), { code: 'not_found' });
        throw new Error('database down');
      });
      const coded = await rejectsWith(
        client.request(route, { market: 'KRW-NONE' }),
        isBusRequestError,
      );
      deepStrictEqual([coded.code, coded.description], ['not_found', 'no such market']);
      const plain = await rejectsWith(
        client.request(route, { market: 'KRW-BTC' }),
        isBusRequestError,
      );
      deepStrictEqual(
        [plain.code, plain.description],
        [ReplyErrorCode.handlerError, 'database down'],
      );
    });

    it('answers an undecodable request with bad_request and dead-letters it', async () => {
      const p = unique('rpc');
      const route = rpcRoute(`${p}.strict`, MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      const handled = new Inbox<string>();
      await server.reply(
        route,
        async (d) => (handled.push(d.data.market), { market: d.data.market, price: price(1) }),
      );
      const letters = await deadLetterInbox(server, p);
      const error = await rejectsWith(
        client.request(rpcRoute(route.subject, AnyC, QuoteC), { market: 42 }),
        isBusRequestError,
      );
      strictEqual(error.code, ReplyErrorCode.badRequest);
      const [letter] = await letters.atLeast(1);
      deepStrictEqual([letter!.subject, letter!.reason], [route.subject, 'undecodable']);
      strictEqual(handled.items.length, 0);
    });

    it('answers bad_reply when the handler returns what the reply codec rejects', async () => {
      const route = rpcRoute(unique('rpc.badreply'), MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      await server.reply(route, async (d) => ({ market: d.data.market, price: price(-1) }));
      strictEqual(
        (await rejectsWith(client.request(route, { market: 'KRW-BTC' }), isBusRequestError)).code,
        ReplyErrorCode.badReply,
      );
    });

    it('refuses to send an invalid request', async () => {
      const route = rpcRoute(unique('rpc.invalid'), MarketC, QuoteC);
      const [server, client] = [await open(), await open()];
      const handled = new Inbox<string>();
      await server.reply(
        route,
        async (d) => (handled.push(d.data.market), { market: d.data.market, price: price(1) }),
      );
      await rejectsWith(
        client.request(route, { market: 7 } as unknown as { market: string }),
        isBusEncodeError,
      );
      await client.request(route, { market: 'KRW-ETH' });
      deepStrictEqual(handled.items, ['KRW-ETH']);
    });
  });
}
