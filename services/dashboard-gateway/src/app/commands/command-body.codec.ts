import * as t from 'io-ts';
import { MessageIdC, PercentC, nullable, text } from '@hoga/contracts';
import { PositionId } from '@hoga/model';

/** The longest strategy spec accepted as text (real ones are a few hundred bytes). */
export const MAX_SPEC_CHARS = 64 * 1024;

/** What every command body carries: the client's id for this click, and an optional why. */
const commandProps = {
  /** Made by the page once per click (a UUID): a double click or a retry has one effect. */
  commandId: MessageIdC,
};
const reasonProps = { reason: nullable(text(500)) };

/** `POST /api/positions/:id/<verb>` and `POST /api/risk/<verb>` (not arm). */
export const CommandBody = t.intersection(
  [t.type(commandProps), t.partial(reasonProps)],
  'CommandBody',
);
export type CommandBody = t.TypeOf<typeof CommandBody>;

/** `POST /api/risk/arm`: the loss limit's rate, in (0, 100] percent, as a decimal string or number. */
export const ArmBody = t.intersection(
  [t.type({ ...commandProps, ratePct: PercentC }), t.partial(reasonProps)],
  'ArmBody',
);
export type ArmBody = t.TypeOf<typeof ArmBody>;

/**
 * `POST /api/strategies`: the spec as YAML or JSON text (at most {@link MAX_SPEC_CHARS}
 * characters), or as a JSON object; decoded by libs/position's strategy codec afterwards.
 */
export const RunBody = t.intersection(
  [
    t.type({
      ...commandProps,
      spec: t.union([text(MAX_SPEC_CHARS, 1), t.UnknownRecord], 'StrategySpecTextOrObject'),
    }),
    t.partial(reasonProps),
  ],
  'RunBody',
);
export type RunBody = t.TypeOf<typeof RunBody>;

/** The `:id` of the position routes. */
export const PositionParams = t.type({ id: PositionId }, 'PositionParams');

/** The `:commandId` of `GET /api/commands/:commandId`. */
export const ReceiptParams = t.type({ commandId: MessageIdC }, 'ReceiptParams');
