import { deepStrictEqual } from 'node:assert/strict';

/** A decider: decide(command, state) -> events; evolve(state, event) -> state. */
export interface Decider<C, E, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E) => S;
}

/**
 * Behaviour-style spec for a decider: `spec(decider).given(events).when(command).then(events)`.
 * `thenThrows` checks a rejection; `thenState` checks the folded state.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: readonly E[]): void {
              deepStrictEqual(run(), expected);
            },
            thenState(expected: S): void {
              deepStrictEqual(run().reduce(decider.evolve, state), expected);
            },
            thenThrows(check: (error: unknown) => boolean): void {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              if (thrown === undefined || !check(thrown))
                throw new Error(`expected decide to throw a matching error, got ${String(thrown)}`);
            },
          };
        },
      };
    },
  };
}

/**
 * Behaviour-style spec for a fold-based machine: given prior inputs, when one more input,
 * then assert on the resulting state and emitted outputs.
 */
export function machineSpec<I, S, O>(
  step: (state: S, input: I) => { state: S; outputs: readonly O[] },
  initial: () => S,
) {
  return {
    given(inputs: readonly I[]) {
      const state = inputs.reduce((s, i) => step(s, i).state, initial());
      return {
        when(input: I) {
          const result = step(state, input);
          return {
            then(check: (state: S, outputs: readonly O[]) => void): void {
              check(result.state, result.outputs);
            },
          };
        },
      };
    },
  };
}
