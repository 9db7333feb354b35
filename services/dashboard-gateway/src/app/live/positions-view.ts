import { PositionState } from '@hoga/contracts';
import type * as t from 'io-ts';
import { POSITIONS_CHANNEL } from './live-channels.js';
import type { LivePublisher } from './live-publisher.port.js';

/** A position's live state as position-actor publishes and lists it. */
export const PositionStateData = PositionState.type.props.data;
export type PositionStateData = t.TypeOf<typeof PositionStateData>;

/**
 * The `positions` channel: the latest state of every position (key: position id; data: the
 * encoded `PositionState` data). Filled from position-actor's `list` and kept by
 * `hoga.position.state.*`. A published state always wins (position-actor publishes each
 * position's states in order); a listed one only when its stream version is newer than what the
 * view holds (a list answered before a later publish must not undo it). Closed positions stay
 * until `keepClosed` newer ones closed, then their key is removed (data `null`): the channel
 * does not grow with the history (the history routes serve closed positions).
 */
export class PositionsView {
  readonly #versions = new Map<string, number>();
  readonly #closed = new Set<string>();

  constructor(
    private readonly live: LivePublisher,
    private readonly keepClosed: number,
  ) {}

  /** A state published on `hoga.position.state.<id>`. */
  published(state: PositionStateData): void {
    this.#apply(state);
  }

  /** The states of position-actor's `list` reply. */
  listed(states: readonly PositionStateData[]): void {
    for (const state of states) {
      const held = this.#versions.get(state.positionId);
      if (held === undefined || state.version > held) this.#apply(state);
    }
  }

  /** Positions held now. */
  get size(): number {
    return this.#versions.size;
  }

  #apply(state: PositionStateData): void {
    const id = state.positionId;
    this.#versions.set(id, state.version);
    this.live.publish(POSITIONS_CHANNEL, id, PositionStateData.encode(state));
    if (state.status !== 'closed') {
      this.#closed.delete(id);
      return;
    }
    this.#closed.delete(id);
    this.#closed.add(id);
    if (this.#closed.size <= this.keepClosed) return;
    const oldest = this.#closed.values().next();
    if (oldest.done === true) return;
    this.#closed.delete(oldest.value);
    this.#versions.delete(oldest.value);
    this.live.publish(POSITIONS_CHANNEL, oldest.value, null);
  }
}
