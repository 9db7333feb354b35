import type { CandleInterval } from './market-data.codec.js';
import type { AlertSeverity } from './alert.codec.js';
import type { LogLevel } from './log.codec.js';
import type * as t from 'io-ts';
import type * as E from 'fp-ts/lib/Either.js';
import { decodeWith, type DecodeError } from '@hoga/model';
import { findOpsEndpoint } from './ops-catalog.js';
import type { Market, PositionId } from '@hoga/model';
import { subjects } from './subjects.js';
import { concreteSubject, isInvalidSubjectError } from './subject-token.js';

/** Decodes what travels on some subject (decode only: the value type is not known here). */
export type SubjectDecoder = t.Decoder<unknown, unknown>;
type Lookup = (rest: readonly string[]) => SubjectDecoder | undefined;

/** A partition token as a number (anything else as NaN, which the registry refuses). */
const partitionToken = (token: string | undefined): number =>
  token !== undefined && /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : NaN;

/** `rest` holds exactly `n` tokens. */
const arity = (rest: readonly string[], n: number) => rest.length === n;

// Keyed by the first three tokens; each builder validates the remaining tokens (and throws).
const LOOKUPS: Readonly<Record<string, Lookup>> = {
  'hoga.md.tick': (r) => (arity(r, 1) ? subjects.mdTick(r[0] as Market).codec : undefined),
  'hoga.md.candle': (r) =>
    arity(r, 2) ? subjects.mdCandle(r[0] as CandleInterval, r[1] as Market).codec : undefined,
  'hoga.order.cmd': (r) => (arity(r, 0) ? subjects.orderCmd().codec : undefined),
  'hoga.order.evt': (r) =>
    arity(r, 2)
      ? subjects.orderEvt(partitionToken(r[0]), r[1] as PositionId).codec
      : arity(r, 1)
        ? subjects.orderEvtUnpartitioned(r[0] as PositionId).codec
        : undefined,
  'hoga.position.state': (r) =>
    arity(r, 1) ? subjects.positionState(r[0] as PositionId).codec : undefined,
  'hoga.position.evt': (r) =>
    arity(r, 1) ? subjects.positionEvt(r[0] as PositionId).codec : undefined,
  'hoga.account.state': (r) => (arity(r, 0) ? subjects.accountState().codec : undefined),
  'hoga.account.access': (r) => (arity(r, 0) ? subjects.accountAccess().codec : undefined),
  'hoga.risk.state': (r) => (arity(r, 0) ? subjects.riskState().codec : undefined),
  'hoga.risk.halt': (r) => (arity(r, 0) ? subjects.riskHalt().codec : undefined),
  'hoga.risk.evt': (r) => (arity(r, 0) ? subjects.riskEvt().codec : undefined),
  'hoga.log': (r) => (arity(r, 2) ? subjects.log(r[0] ?? '', r[1] as LogLevel).codec : undefined),
  'hoga.alert': (r) => (arity(r, 1) ? subjects.alert(r[0] as AlertSeverity).codec : undefined),
  'hoga.ops': (r) => (arity(r, 2) ? findOpsEndpoint(r[0] ?? '', r[1] ?? '')?.request : undefined),
  'hoga.dlq': (r) => (r.length > 0 ? subjects.deadLetter(r.join('.')).codec : undefined),
};

/**
 * The codec of what travels on a concrete subject (the request codec for an ops endpoint), or
 * undefined if the registry does not know the subject. For tools that see raw subjects: the
 * dashboard's message inspector, the audit CLI, dead-letter replays.
 */
export function codecForSubject(subject: string): SubjectDecoder | undefined {
  try {
    const tokens = concreteSubject('subject', subject).split('.');
    for (const take of [3, 2]) {
      const lookup = LOOKUPS[tokens.slice(0, take).join('.')];
      if (lookup) return lookup(tokens.slice(take));
    }
    return undefined;
  } catch (e) {
    if (isInvalidSubjectError(e)) return undefined;
    throw e;
  }
}

/**
 * Decodes a payload received on `subject` with its codec, with readable failure paths; undefined
 * if the registry does not know the subject.
 */
export function decodeForSubject(
  subject: string,
  input: unknown,
): E.Either<DecodeError, unknown> | undefined {
  const decoder = codecForSubject(subject);
  // decodeWith only decodes: a decoder stands in for the full codec here.
  return decoder && decodeWith(decoder as t.Type<unknown, unknown, unknown>, input);
}
