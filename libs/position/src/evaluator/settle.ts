import { settleEntry } from './entry-steps.js';
import type { Emission } from './emission.js';
import { settleExit } from './exit-steps.js';

/** The automatic next step after an order event: activate, close, or the next attempt. */
export function settle(em: Emission): void {
  settleEntry(em);
  settleExit(em);
}
