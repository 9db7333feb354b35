import type { BusLogger } from './bus-logger.js';
import { messageOf } from './bus.errors.js';
import type { Headers } from './bus.port.js';
import {
  deadLetterHeaders,
  deadLetterSubject,
  isDeadLetterSubject,
  type DeadLetterFacts,
} from './dead-letter.js';
import type { Namespace } from './namespace.js';
import type { Transport } from './transport.port.js';

/** Logs a message that cannot be handled and publishes it, raw, on its dead-letter subject. */
export type DeadLetterSink = (
  payload: Uint8Array,
  headers: Headers,
  facts: DeadLetterFacts,
) => Promise<void>;

/**
 * The dead-letter sink of one bus. It never throws: a dead letter that cannot be published is
 * logged (the log line is the last record of it). A message already on a dead-letter subject is
 * only logged, so a bad dead letter cannot loop.
 */
export function deadLetterSink(
  transport: Transport,
  ns: Namespace,
  logger: BusLogger,
): DeadLetterSink {
  return async (payload, headers, facts) => {
    const again = isDeadLetterSubject(facts.subject);
    const target = again ? facts.subject : deadLetterSubject(facts.subject);
    logger.warn('bus: message dead-lettered', {
      ...facts,
      deadLetterSubject: target,
      bytes: payload.length,
    });
    if (again) return;
    try {
      await transport.publish(ns.subject(target), payload, deadLetterHeaders(headers, facts));
    } catch (error) {
      logger.warn('bus: dead letter could not be published', {
        subject: facts.subject,
        error: messageOf(error),
      });
    }
  };
}
