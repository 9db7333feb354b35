import type { Route } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { BusLogger } from './bus-logger.js';
import { messageOf } from './bus.errors.js';
import type { ConsumerOptions, DurableDelivery } from './bus.port.js';
import type { DeadLetterSink } from './dead-letter-sink.js';
import { decodeMessage } from './message-codec.js';
import type { Namespace } from './namespace.js';
import type { RawDurableMessage } from './transport.port.js';

/** Redelivery delay after a handler error: 100 ms, doubled per delivery, at most 10 s. */
export const retryDelayMs = (deliveryCount: number): number =>
  Math.min(100 * 2 ** Math.max(0, deliveryCount - 1), 10_000);

/**
 * How many deliveries the server is asked to make for a route limit of `maxDeliver`: one more.
 *
 * Why not the `MAX_DELIVERIES` advisory: it is a core message, lost while this process is
 * disconnected or down, and the message must then be fetched by sequence. Counting in the
 * handler wrapper is robust instead: a handler error on the last allowed delivery dead-letters
 * at once; a last delivery that ends without an ack (handler hung, process crashed) is delivered
 * once more by the server, and that extra delivery is dead-lettered without calling the handler.
 * Either way the message is dead-lettered and then terminated (never redelivered again).
 */
export const serverMaxDeliver = (maxDeliver: number): number => maxDeliver + 1;

interface Context<A> {
  readonly route: Route<A>;
  readonly options: ConsumerOptions;
  readonly streamName: string;
  readonly ns: Namespace;
  readonly logger: BusLogger;
  readonly deadLetter: DeadLetterSink;
}

/** Decodes one durable message and runs the handler with ack/nak/dead-letter semantics. */
export async function handleDurable<A>(
  ctx: Context<A>,
  raw: RawDurableMessage,
  handler: (d: DurableDelivery<A>) => Promise<void>,
): Promise<void> {
  const subject = ctx.ns.strip(raw.subject);
  const facts = {
    subject,
    stream: ctx.streamName,
    sequence: raw.sequence,
    deliveries: raw.deliveryCount,
  };
  const giveUp = async (
    reason: 'undecodable' | 'max-deliveries',
    error: string,
    deliveries = raw.deliveryCount,
  ): Promise<void> => {
    const consumer = reason === 'max-deliveries' ? { consumer: ctx.options.durable } : {};
    await ctx.deadLetter(raw.data, raw.headers, {
      ...facts,
      ...consumer,
      deliveries,
      reason,
      error,
    });
    raw.term();
  };
  // The extra delivery (see serverMaxDeliver): the handler already had its maxDeliver chances.
  if (raw.deliveryCount > ctx.options.maxDeliver)
    return giveUp(
      'max-deliveries',
      `not acked after ${ctx.options.maxDeliver} deliveries`,
      ctx.options.maxDeliver,
    );
  // Another member's message (see ConsumerOptions.accepts): settled untouched, never decoded.
  if (!accepts(ctx.options, subject)) return raw.ack();
  const decoded = decodeMessage(ctx.route.codec, raw.data, subject);
  if (E.isLeft(decoded)) return giveUp('undecodable', decoded.left.message);

  let settled = false;
  const delivery: DurableDelivery<A> = {
    subject,
    data: decoded.right,
    headers: raw.headers,
    deliveryCount: raw.deliveryCount,
    sequence: raw.sequence,
    ack: () => ((settled = true), raw.ack()),
    nak: (delayMs = 0) => ((settled = true), raw.nak(Math.max(0, delayMs))),
  };
  try {
    await handler(delivery);
  } catch (error) {
    if (settled) {
      ctx.logger.warn('bus: durable handler failed after settling its message', {
        ...facts,
        error: messageOf(error),
      });
    } else if (raw.deliveryCount >= ctx.options.maxDeliver) {
      await giveUp('max-deliveries', messageOf(error));
    } else {
      ctx.logger.warn('bus: durable handler failed, message will be redelivered', {
        ...facts,
        error: messageOf(error),
      });
      raw.nak(retryDelayMs(raw.deliveryCount));
    }
  }
}

/** Whether a member takes a subject; a filter that throws takes it (it is decoded as usual). */
function accepts(options: ConsumerOptions, subject: string): boolean {
  try {
    return options.accepts?.(subject) ?? true;
  } catch {
    return true;
  }
}
