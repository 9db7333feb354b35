import { deepStrictEqual, equal, ok, throws } from 'node:assert/strict';
import { createMachine } from 'xstate';
import { compileMachine } from './machine-table.js';
import { positionMachine, type PositionMachine } from './position.machine.js';

const compile = (config: Parameters<typeof createMachine>[0]) => () =>
  compileMachine(createMachine(config) as unknown as PositionMachine);

describe('machine table', () => {
  it('reads every state and transition of the position machine', () => {
    const table = compileMachine(positionMachine);
    deepStrictEqual([...table.keys()].sort(), [
      'active',
      'closed',
      'closing',
      'error',
      'pending',
      'unopened',
    ]);
    ok(table.get('closing')?.has('ExitFilled'));
    equal(table.get('closed')?.size, 0);
  });
  it('refuses machine features the interpreter would not honour', () => {
    throws(compile({ initial: 'a', states: { a: { entry: () => undefined } } }), /entry\/exit/);
    throws(
      compile({ initial: 'a', states: { a: { always: { target: 'b' } }, b: {} } }),
      /entry\/exit/,
    );
    throws(
      compile({ initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }),
      /compound state/,
    );
    throws(
      compile({ initial: 'a', states: { a: { on: { E: { guard: () => true, target: 'a' } } } } }),
      /inline guard/,
    );
    throws(
      compile({ initial: 'a', states: { a: { on: { E: { actions: () => undefined } } } } }),
      /inline action/,
    );
    throws(
      compile({ initial: 'a', states: { a: { on: { E: { actions: 'notAnUpdate' } } } } }),
      /inline action/,
    );
  });
});
