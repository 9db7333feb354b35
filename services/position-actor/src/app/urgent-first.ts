/** The longest a background append waits for urgent ones before it may take the slot anyway. */
export const BACKGROUND_MAX_WAIT_MS = 250;

/** A background append waiting for its turn. */
interface Waiter {
  readonly deadline: number;
  /** Lets it go: `slot` when it holds the background slot (it must give it back). */
  readonly go: (slot: boolean) => void;
}

/**
 * Appends that move money first. Work marked `background` (storing a raised peak, which only
 * remembers a price) starts after the current turn of the event loop — so the decisions the
 * same tick made elsewhere (an exit) are in flight first — and then runs **one at a time**, each
 * only once no urgent work is in flight (or after waiting {@link BACKGROUND_MAX_WAIT_MS}, by
 * default), in the order it asked, the slot passed on at a later turn of the loop. One price
 * jump raises the peak of every position on the market: without this the one exit it triggers
 * queued behind their commits, and with a wait alone they all went together the moment it
 * committed — beside the order it had just sent.
 * A key that is hurried (its position has another input waiting behind its append) goes at once,
 * slot or not: a position never waits for other positions' exits.
 */
export class UrgentFirst {
  #inFlight = 0;
  #slotTaken = false;
  readonly #queue: Waiter[] = [];
  readonly #byKey = new Map<string, () => void>();
  #timer: NodeJS.Timeout | undefined;
  #pumpScheduled = false;

  constructor(
    private readonly maxWaitMs: number = BACKGROUND_MAX_WAIT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs urgent work at once; background work waits while any is in flight. */
  async urgent<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#schedulePump();
    }
  }

  /** Runs work after this turn, when its turn comes (see the class), or when `key` is hurried. */
  async background<T>(key: string, work: () => Promise<T>): Promise<T> {
    let hurried = false;
    /** Takes the waiter out of the line and lets it go without the slot. */
    let leave: (() => void) | undefined;
    this.#byKey.set(key, () => {
      hurried = true;
      leave?.();
    });
    let slot = false;
    try {
      await new Promise((resolve) => setImmediate(resolve));
      if (!hurried)
        slot = await new Promise<boolean>((resolve) => {
          const waiter: Waiter = { deadline: this.now() + this.maxWaitMs, go: resolve };
          leave = () => {
            const at = this.#queue.indexOf(waiter);
            if (at >= 0) this.#queue.splice(at, 1);
            resolve(false);
          };
          this.#queue.push(waiter);
          this.#pump();
        });
    } finally {
      this.#byKey.delete(key);
    }
    try {
      return await work();
    } finally {
      if (slot) {
        this.#slotTaken = false;
        this.#schedulePump();
      }
    }
  }

  /** Lets the background work of `key` go now (an input of its position is waiting behind it). */
  hurry(key: string): void {
    this.#byKey.get(key)?.();
  }

  /**
   * The slot goes on at the loop's next turn, not in the turn that freed it: what that turn
   * queued — the delivery of the order an exit just published — runs before the next peak.
   */
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  /** Gives the slot to the first waiter when it may go; else wakes up at its deadline. */
  #pump(): void {
    const head = this.#queue[0];
    if (this.#slotTaken || head === undefined) return;
    const late = this.now() >= head.deadline;
    if (this.#inFlight === 0 || late) {
      this.#queue.shift();
      this.#slotTaken = true;
      head.go(true);
      return;
    }
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#pump();
      },
      Math.max(0, head.deadline - this.now()),
    );
  }
}
