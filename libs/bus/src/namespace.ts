import type { StreamSpec } from '@hoga/contracts';
import { BusUsageError } from './bus.errors.js';

const TOKEN = /^[^\s.*>]+$/;
/** Tokens as {@link TOKEN} joined by dots: one test of the whole subject (every publish checks one). */
const SUBJECT = /^[^\s.*>]+(?:\.[^\s.*>]+)*$/;
const NAME = /^[A-Za-z0-9_-]+$/;

/** A stream as it exists on the server: namespaced name and subjects. */
export interface WireStream {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly retention: StreamSpec['retention'];
  readonly duplicateWindowMs: number;
  readonly maxAgeMs: number;
  /** Most messages kept (absent: no limit); the oldest go first. */
  readonly maxMsgs?: number;
  /** Most bytes kept (absent: no limit); the oldest go first. */
  readonly maxBytes?: number;
}

/** Throws `BusUsageError` unless `name` is a valid stream, consumer or bucket name. */
export function checkName(kind: string, name: string): string {
  if (!NAME.test(name))
    throw new BusUsageError(
      `invalid ${kind} name ${JSON.stringify(name)}: use letters, digits, '_' and '-'`,
    );
  return name;
}

/**
 * The bus namespace: every subject on the wire is `<namespace>.<subject>`, every stream
 * `<NAMESPACE>_<name>`, every bucket `<namespace>_<bucket>`, so test suites (and several
 * engines on one server) never collide. An empty namespace changes nothing.
 */
export class Namespace {
  readonly #prefix: string;

  constructor(namespace: string) {
    if (namespace !== '' && !namespace.split('.').every((t) => TOKEN.test(t))) {
      throw new BusUsageError(
        `invalid namespace ${JSON.stringify(namespace)}: subject tokens without wildcards or spaces`,
      );
    }
    this.#prefix = namespace;
  }

  /** The subject on the wire. */
  subject(subject: string): string {
    return this.#prefix === '' ? subject : `${this.#prefix}.${subject}`;
  }

  /** The subject as the application knows it. */
  strip(wireSubject: string): string {
    return this.#prefix !== '' && wireSubject.startsWith(`${this.#prefix}.`)
      ? wireSubject.slice(this.#prefix.length + 1)
      : wireSubject;
  }

  streamName(name: string): string {
    checkName('stream', name);
    return this.#prefix === '' ? name : `${sanitize(this.#prefix.toUpperCase())}_${name}`;
  }

  bucketName(bucket: string): string {
    checkName('bucket', bucket);
    return this.#prefix === '' ? bucket : `${sanitize(this.#prefix)}_${bucket}`;
  }

  stream(spec: StreamSpec): WireStream {
    return {
      name: this.streamName(spec.name),
      subjects: spec.subjects.map((s) => this.subject(checkPattern(s))),
      retention: spec.retention,
      duplicateWindowMs: spec.duplicateWindowMs,
      maxAgeMs: spec.maxAgeMs,
      ...(spec.maxMsgs !== undefined ? { maxMsgs: spec.maxMsgs } : {}),
      ...(spec.maxBytes !== undefined ? { maxBytes: spec.maxBytes } : {}),
    };
  }
}

const sanitize = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** Throws `BusUsageError` unless `subject` is a concrete subject (publishable: no wildcards). */
export function checkSubject(subject: string): string {
  if (!SUBJECT.test(subject))
    throw new BusUsageError(`invalid subject ${JSON.stringify(subject)} for publishing`);
  return subject;
}

/** Throws `BusUsageError` unless `pattern` is a valid subscription subject (`*` tokens, `>` last). */
export function checkPattern(pattern: string): string {
  const tokens = pattern.split('.');
  const ok = tokens.every(
    (t, i) => TOKEN.test(t) || t === '*' || (t === '>' && i === tokens.length - 1),
  );
  if (!ok) throw new BusUsageError(`invalid subject filter ${JSON.stringify(pattern)}`);
  return pattern;
}
