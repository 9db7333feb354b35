import type { BusLogger } from './bus-logger.js';
import { messageOf } from './bus.errors.js';
import type { Headers } from './bus.port.js';
import {
  deadLetterHeaders,
  deadLetterMsgId,
  deadLetterSubject,
  isDeadLetterSubject,
  type DeadLetterFacts,
} from './dead-letter.js';
import type { Namespace, WireStream } from './namespace.js';
import type { Transport } from './transport.port.js';

/** Keeps a message that cannot be handled, raw, in the dead-letter stream, and logs it once. */
export type DeadLetterSink = (
  payload: Uint8Array,
  headers: Headers,
  facts: DeadLetterFacts,
) => Promise<void>;

/** Where one bus keeps its dead letters. */
export interface DeadLetterTarget {
  /** The dead-letter stream as it exists on the wire (namespaced, with its limits). */
  readonly stream: WireStream;
  /** The bus's name, recorded as `Hoga-Dead-Letter-By`. */
  readonly by?: string;
}

/**
 * The dead-letter sink of one bus. The letter is published into the dead-letter stream with a
 * message id derived from the message ({@link deadLetterMsgId}), so sixteen consumers giving up on
 * one message keep one letter, and only the publish that kept it logs it (the log line is bounded
 * by the logger). It never throws: a letter the stream cannot take is published on core NATS for
 * any listener and logged (the log line is then the last record of it). A message already on a
 * dead-letter subject is only logged, so a bad dead letter cannot loop.
 */
export function deadLetterSink(
  transport: Transport,
  ns: Namespace,
  logger: BusLogger,
  target: DeadLetterTarget,
): DeadLetterSink {
  return async (payload, headers, facts) => {
    const again = isDeadLetterSubject(facts.subject);
    const subject = again ? facts.subject : deadLetterSubject(facts.subject);
    const logged = { ...facts, deadLetterSubject: subject, bytes: payload.length };
    if (again) return logger.warn('bus: dead letter undecodable, dropped', logged);
    const wire = ns.subject(subject);
    const letterHeaders = deadLetterHeaders(headers, facts, target.by);
    try {
      const ack = await transport.publishDurable(
        target.stream,
        wire,
        payload,
        letterHeaders,
        deadLetterMsgId(payload, headers, facts),
      );
      if (!ack.duplicate)
        logger.warn('bus: message dead-lettered', { ...logged, deadLetterSequence: ack.sequence });
    } catch (error) {
      logger.warn('bus: message dead-lettered, not kept', { ...logged, error: messageOf(error) });
      try {
        await transport.publish(wire, payload, letterHeaders);
      } catch (coreError) {
        logger.warn('bus: dead letter could not be published', {
          subject: facts.subject,
          error: messageOf(coreError),
        });
      }
    }
  };
}
