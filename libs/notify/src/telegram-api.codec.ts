import * as t from 'io-ts';

/** A successful Bot API answer: `{ ok: true, result }`. */
export const TelegramOk = t.type({ ok: t.literal(true), result: t.unknown }, 'TelegramOk');

/** A failed Bot API answer; 429 carries `parameters.retry_after` in seconds. */
export const TelegramFailure = t.intersection(
  [
    t.type({ ok: t.literal(false), error_code: t.number, description: t.string }),
    t.partial({ parameters: t.partial({ retry_after: t.number }) }),
  ],
  'TelegramFailure',
);
export type TelegramFailure = t.TypeOf<typeof TelegramFailure>;

/** Any Bot API answer. */
export const TelegramResponse = t.union([TelegramOk, TelegramFailure], 'TelegramResponse');
export type TelegramResponse = t.TypeOf<typeof TelegramResponse>;
