import { createHash } from 'node:crypto';
import type { Bus } from '@hoga/bus';
import { eventStreams } from '@hoga/contracts';
import type { EventStore, RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import type { Logger } from '@hoga/telemetry';
import { ApiError } from '../../adapters/http/api-error.js';
import type { CommandName, CommandReceipt, ReceiptEvent } from './command-receipt.js';
import type { DoneWatcher, DoneWatchTarget } from './done-watch.js';
import { sendCommand, type CommandTarget } from './ops-sender.js';
import type { ReceiptBook } from './receipt-book.js';
import type { CommandAnswer, ReplyCache } from './reply-cache.js';
import type { CommandTrace } from './trace-headers.js';

/** The risk-guard's stream (its single writer); the events of its commands carry the command id. */
const RISK_STREAM = eventStreams.risk;

/**
 * Events before the command's stream version that a watch also reads, so a repeat of a command
 * the service applied earlier (it answers ok and stores nothing new) finds that earlier event.
 */
export const LOOKBACK_EVENTS = 500;

/** A command, decoded and ready to send. */
export interface CommandPlan {
  readonly name: CommandName;
  readonly target: CommandTarget;
  /** The request's data without the audit fields (added here). */
  readonly data: Readonly<Record<string, unknown>>;
  readonly commandId: string;
  readonly reason: string | null;
  /** The position commanded; null for `strategy.run` (known once accepted) and risk commands. */
  readonly positionId: PositionId | null;
}

/** Who sends it and in which trace. */
export interface CommandIssuer {
  readonly issuedBy: string;
  readonly trace: CommandTrace;
}

export interface CommandRunnerDeps {
  readonly bus: Bus;
  readonly store: EventStore;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly receipts: ReceiptBook;
  readonly replies: ReplyCache;
  readonly watcher: DoneWatcher;
  readonly opsTimeoutMs: number;
}

const carriesCommand =
  (commandId: string) =>
  (event: RecordedEvent): boolean => {
    const data = event.data;
    return (
      typeof data === 'object' &&
      data !== null &&
      (data as { readonly commandId?: unknown }).commandId === commandId
    );
  };

const receiptEvent = (e: RecordedEvent): ReceiptEvent => ({
  streamId: e.streamId,
  version: e.streamVersion,
  type: e.type,
  recordedAt: e.recordedAt.toISOString(),
});

/** What identifies a command besides its id: a reused id with another fingerprint is refused. */
function fingerprintOf(plan: CommandPlan, issuedBy: string): string {
  const what = [plan.name, plan.positionId, issuedBy, plan.reason, plan.data];
  return createHash('sha256').update(JSON.stringify(what)).digest('base64url');
}

/**
 * Sends operator commands and follows them: one answer per command id (repeats get it from the
 * {@link ReplyCache}), a receipt at each step on the `commands` channel (sent, accepted or
 * denied, then done or timeout once the stored event that carries the command id is seen or
 * waited for long enough).
 */
export class CommandRunner {
  constructor(private readonly deps: CommandRunnerDeps) {}

  /** The HTTP answer to a command; throws a `conflict` for a command id used by another command. */
  run(plan: CommandPlan, issuer: CommandIssuer): Promise<CommandAnswer> {
    return this.deps.replies.answer(plan.commandId, fingerprintOf(plan, issuer.issuedBy), () =>
      this.#send(plan, issuer),
    );
  }

  async #send(plan: CommandPlan, issuer: CommandIssuer): Promise<CommandAnswer> {
    const { receipts, now } = this.deps;
    const sentAt = now().toISOString();
    const sent: CommandReceipt = {
      commandId: plan.commandId,
      command: plan.name,
      positionId: plan.positionId,
      issuedBy: issuer.issuedBy,
      status: 'sent',
      sentAt,
      at: sentAt,
      traceId: issuer.trace.traceId,
    };
    receipts.record(sent);
    const from = await this.#lookbackFrom(plan);
    const outcome = await sendCommand(
      this.deps.bus,
      plan.target,
      {
        ...plan.data,
        commandId: plan.commandId,
        issuedBy: issuer.issuedBy,
        reason: plan.reason,
      },
      {
        headers: issuer.trace.headers,
        timeoutMs: this.deps.opsTimeoutMs,
        logger: this.deps.logger,
      },
    );
    const at = now().toISOString();
    if (outcome.kind === 'denied') {
      const error = { code: outcome.code, message: outcome.message };
      receipts.record({ ...sent, status: 'denied', at, error });
      const refusal = new ApiError(outcome.code, outcome.message);
      return { status: refusal.status, body: refusal.body(), final: outcome.final };
    }
    const positionId =
      plan.positionId ??
      (typeof outcome.reply['positionId'] === 'string' ? outcome.reply['positionId'] : null);
    const accepted = receipts.record({
      ...sent,
      positionId,
      status: 'accepted',
      at,
      reply: outcome.reply,
    });
    void this.#follow(accepted, plan, from);
    return { status: 200, body: accepted, final: true };
  }

  /** The stream that records the command's effect. */
  #streamOf(plan: CommandPlan, positionId: string | null): string {
    if (plan.target.service === 'risk-guard') return RISK_STREAM;
    return eventStreams.position((positionId ?? plan.positionId ?? '') as PositionId);
  }

  /** Where a watch starts reading: a little before the stream's current end (1 for a new one). */
  async #lookbackFrom(plan: CommandPlan): Promise<number> {
    if (plan.target.verb === 'run') return 1;
    try {
      const version = await this.deps.store.streamVersion(this.#streamOf(plan, null));
      return Math.max(1, version + 1 - LOOKBACK_EVENTS);
    } catch (error) {
      this.deps.logger.warn('command receipts: stream version unknown', { error });
      return 1;
    }
  }

  /** Waits for the command's event and records `done` (or `timeout`). */
  async #follow(accepted: CommandReceipt, plan: CommandPlan, from: number): Promise<void> {
    const target: DoneWatchTarget = {
      streamId: this.#streamOf(plan, accepted.positionId),
      fromVersion: from,
      // A run's position id is made from its command id: the stream's opening is its effect.
      matches:
        plan.target.verb === 'run'
          ? (e) => e.type === 'PositionOpened'
          : carriesCommand(plan.commandId),
    };
    const event = await this.deps.watcher.watch(target);
    const at = this.deps.now().toISOString();
    this.deps.receipts.record(
      event === undefined
        ? { ...accepted, status: 'timeout', at }
        : { ...accepted, status: 'done', at, event: receiptEvent(event) },
    );
  }
}
