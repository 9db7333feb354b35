import { BusNoRespondersError, BusTimeoutError, BusUsageError } from '../bus.errors.js';
import type { DurablePublishAck, Headers } from '../bus.port.js';
import type { WireStream } from '../namespace.js';
import type { LocalValue, Payload, RawMessage, RawRequest } from '../transport.port.js';
import type { ConsumerState } from './in-process-consumer.js';
import { InProcessKv } from './in-process-kv.js';
import { InProcessStream } from './in-process-stream.js';
import { subjectsOverlap, tokensMatch } from './subject-match.js';

interface CoreSubscription {
  readonly tokens: readonly string[];
  /** Queue group key (`<queue> <pattern>`), when in a group. */
  readonly group?: string;
  readonly deliver: (message: RawRequest) => void;
  active: boolean;
}

/** Who receives a subject: plain subscriptions, queue groups (their members) and streams. */
interface Route {
  readonly plain: readonly CoreSubscription[];
  readonly groups: readonly (readonly [string, readonly CoreSubscription[]])[];
  readonly streams: readonly InProcessStream[];
}

/** Subjects whose route is remembered between changes of the subscriptions or streams. */
const MAX_ROUTES = 10_000;

/** A function of no argument, called at most once (its first result kept). */
function once(make: () => Uint8Array): () => Uint8Array {
  let made: Uint8Array | undefined;
  return () => (made ??= make());
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The header JetStream reads the message id from. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

/**
 * The in-process "server": core subjects with wildcards and queue groups, request/reply,
 * streams with durable consumers, and key-value buckets. Several buses (one per service in the
 * all-in-one mode) can share one broker. Deliveries always happen on a later turn of the event
 * loop, never inside `publish`.
 */
export class InProcessBroker {
  readonly #subscriptions = new Set<CoreSubscription>();
  readonly #turns = new Map<string, number>();
  readonly #streams = new Map<string, InProcessStream>();
  readonly #buckets = new Map<string, InProcessKv>();
  /**
   * The route of each subject published since the subscriptions or streams last changed: a
   * publish matches every pattern once per subject, not once per message (a market's ticks,
   * a position's states). Cleared on every change; bounded by {@link MAX_ROUTES}.
   */
  readonly #routes = new Map<string, Route>();
  #inbox = 0;

  /** Fans the message out to matching subscriptions and stores it in the stream that captures it. */
  publish(
    subject: string,
    data: Payload,
    headers: Headers,
    respond?: RawRequest['respond'],
    local?: LocalValue,
  ): number {
    // Bytes made on demand are made once, for every receiver and stream that reads them.
    const read = typeof data === 'function' ? once(data) : () => data;
    const receivers = this.#fanOut(subject, read, headers, respond, local);
    for (const stream of this.#route(subject).streams)
      stream.append(subject, read(), headers, undefined);
    return receivers;
  }

  /**
   * Registers interest. `deliver` is called inside `publish` and must only queue the message
   * (the bus's subscription queues run handlers on a later turn of the event loop).
   */
  subscribe(
    pattern: string,
    queue: string | undefined,
    deliver: (message: RawRequest) => void,
  ): () => void {
    const sub: CoreSubscription = {
      tokens: pattern.split('.'),
      deliver,
      active: true,
      ...(queue ? { group: `${queue} ${pattern}` } : {}),
    };
    this.#subscriptions.add(sub);
    this.#routes.clear();
    return () => {
      sub.active = false;
      this.#subscriptions.delete(sub);
      this.#routes.clear();
    };
  }

  /** Publishes with a reply callback; rejects at once without responders, or on timeout. */
  request(
    subject: string,
    data: Uint8Array,
    headers: Headers,
    timeoutMs: number,
  ): Promise<RawMessage> {
    return new Promise((resolve, reject) => {
      const inbox = `_INBOX.in-process.${++this.#inbox}`;
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new BusTimeoutError(subject, timeoutMs));
      }, timeoutMs);
      timer.unref();
      const respond = (reply: Uint8Array, replyHeaders: Headers): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ subject: inbox, data: reply, headers: replyHeaders });
      };
      if (this.publish(subject, data, headers, respond) === 0) {
        done = true;
        clearTimeout(timer);
        reject(new BusNoRespondersError(subject));
      }
    });
  }

  /** Creates the stream or updates it; subjects may not overlap another stream's (as in NATS). */
  ensureStream(config: WireStream): InProcessStream {
    const existing = this.#streams.get(config.name);
    // The same subjects as before (every durable publish ensures its stream): nothing can clash.
    const sameSubjects =
      existing !== undefined && sameList(existing.config.subjects, config.subjects);
    if (existing !== undefined && sameSubjects) {
      existing.update(config);
      return existing;
    }
    for (const other of this.#streams.values()) {
      if (other.config.name === config.name) continue;
      const clash = config.subjects.find((s) =>
        other.config.subjects.some((o) => subjectsOverlap(s, o)),
      );
      if (clash !== undefined)
        throw new BusUsageError(
          `stream ${config.name}: subject ${clash} overlaps stream ${other.config.name}`,
        );
    }
    this.#routes.clear();
    if (existing !== undefined) {
      existing.update(config);
      return existing;
    }
    const created = new InProcessStream(config);
    this.#streams.set(config.name, created);
    return created;
  }

  /** A JetStream publish: seen by core subscribers too, stored (or deduplicated) by the stream. */
  publishDurable(
    streamName: string,
    subject: string,
    data: Uint8Array,
    headers: Headers,
    msgId: string,
  ): DurablePublishAck {
    const stream = this.#streams.get(streamName);
    if (stream === undefined || !stream.captures(subject))
      throw new BusUsageError(`no stream ${streamName} captures ${subject}`);
    const withId = { ...headers, [MSG_ID_HEADER]: msgId };
    const ack = stream.append(subject, data, withId, msgId);
    // Core subscribers see the publish too (as in NATS, duplicate or not).
    this.#fanOut(subject, () => data, withId, undefined);
    return ack;
  }

  stream(name: string): InProcessStream | undefined {
    return this.#streams.get(name);
  }

  /** What a durable consumer holds, for operators and tests. */
  consumerState(streamName: string, durable: string): ConsumerState | undefined {
    return this.#streams.get(streamName)?.findConsumer(durable)?.state();
  }

  deleteStream(name: string): void {
    this.#streams.get(name)?.close();
    this.#streams.delete(name);
    this.#routes.clear();
  }

  /** Opens or creates a bucket. */
  kv(name: string, history: number): InProcessKv {
    const existing = this.#buckets.get(name);
    if (existing !== undefined) {
      existing.setHistory(history);
      return existing;
    }
    const created = new InProcessKv(history);
    this.#buckets.set(name, created);
    return created;
  }

  /** Stops every timer; the broker is unusable afterwards. */
  close(): void {
    for (const stream of this.#streams.values()) stream.close();
    for (const sub of this.#subscriptions) sub.active = false;
    this.#subscriptions.clear();
    this.#routes.clear();
  }

  /** Delivers to every matching subscription, one member per queue group; returns how many. */
  #fanOut(
    subject: string,
    read: () => Uint8Array,
    headers: Headers,
    respond: RawRequest['respond'],
    local?: LocalValue,
  ): number {
    const route = this.#route(subject);
    const message: RawRequest = {
      subject,
      // Read when a receiver first asks (one that takes `local` never does).
      get data() {
        return read();
      },
      headers,
      ...(respond ? { respond } : {}),
      ...(local ? { local } : {}),
    };
    const targets =
      route.groups.length === 0 ? route.plain : this.#withGroupMembers(route.plain, route.groups);
    // Every `deliver` queues the message for a later turn of the event loop (the bus's
    // subscription queue), so handing it over here is never a delivery inside `publish`, and
    // saves the broker a turn of its own per message.
    for (const target of targets) if (target.active) target.deliver(message);
    return targets.length;
  }

  /** The plain targets and, for each queue group, its next member in turn. */
  #withGroupMembers(
    plain: readonly CoreSubscription[],
    groups: Route['groups'],
  ): CoreSubscription[] {
    const targets = [...plain];
    for (const [group, members] of groups) {
      const turn = this.#turns.get(group) ?? 0;
      this.#turns.set(group, turn + 1);
      targets.push(members[turn % members.length]!);
    }
    return targets;
  }

  /** Who receives `subject` (matched once, then remembered until the next change). */
  #route(subject: string): Route {
    const known = this.#routes.get(subject);
    if (known !== undefined) return known;
    const tokens = subject.split('.');
    const plain: CoreSubscription[] = [];
    const groups = new Map<string, CoreSubscription[]>();
    for (const sub of this.#subscriptions) {
      if (!tokensMatch(sub.tokens, tokens)) continue;
      if (sub.group === undefined) plain.push(sub);
      else groups.set(sub.group, [...(groups.get(sub.group) ?? []), sub]);
    }
    const streams = [...this.#streams.values()].filter((s) => s.captures(subject));
    const route: Route = { plain, groups: [...groups], streams };
    if (this.#routes.size >= MAX_ROUTES) this.#routes.clear();
    this.#routes.set(subject, route);
    return route;
  }
}

/** A broker of its own, to share between several in-process buses. */
export const createInProcessBroker = (): InProcessBroker => new InProcessBroker();
