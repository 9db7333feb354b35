import { opsRequest, requestOps } from '@hoga/bus';
import { AccountFindingEvent, subjects, type Alert } from '@hoga/contracts';
import { decodeStoredEvent, PostgresEventStore } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { UpbitClient } from '@hoga/upbit';
import * as E from 'fp-ts/lib/Either.js';
import { FINDINGS_STREAM_ID } from '../adapters/account-watch/findings.stream.js';
import { KEYS, type Harness } from './harness.js';

/**
 * What the account-watch tests look at: the alerts raised for findings (every publish, as a core
 * subscriber sees it), the `account-findings` stream, the ops endpoints as an operator calls
 * them, and a second client of the same Upbit account (the "person in the Upbit app").
 */
export class AccountWatchProbe {
  readonly alerts: Alert[] = [];
  readonly other: UpbitClient;
  readonly #store: PostgresEventStore;

  private constructor(private readonly h: Harness) {
    this.other = new UpbitClient({ baseUrl: h.em.url, credentials: KEYS, timeoutMs: 5_000 });
    this.#store = new PostgresEventStore(h.schema.poolConfig);
  }

  static async open(h: Harness): Promise<AccountWatchProbe> {
    const probe = new AccountWatchProbe(h);
    await h.bus.subscribe(subjects.alert('*'), (d) => {
      if (d.data.data.dedupKey.startsWith('account-finding:')) probe.alerts.push(d.data);
    });
    return probe;
  }

  /** The events of the `account-findings` stream, decoded, with their versions. */
  async events(): Promise<{ version: number; event: AccountFindingEvent }[]> {
    const rows = await this.#store.readStream(FINDINGS_STREAM_ID).catch(() => []);
    return rows.map((row) => ({
      version: row.streamVersion,
      event: decodeStoredEvent((u) => decodeWith(AccountFindingEvent, u), row),
    }));
  }

  /** `hoga.ops.order-executor.account`. */
  async status(includeAcknowledged = false) {
    const request = opsRequest('order-executor', 'account', { includeAcknowledged });
    if (E.isLeft(request)) throw new Error(request.left.message);
    return requestOps(this.h.bus, 'order-executor', 'account', request.right);
  }

  /** `hoga.ops.order-executor.ack`. */
  async ack(findingId: string, commandId: string, issuedBy: string, reason: string | null) {
    const request = opsRequest('order-executor', 'ack', { findingId, commandId, issuedBy, reason });
    if (E.isLeft(request)) throw new Error(request.left.message);
    return requestOps(this.h.bus, 'order-executor', 'ack', request.right);
  }

  async close(): Promise<void> {
    await this.#store.close();
  }
}
