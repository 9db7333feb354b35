import * as t from 'io-ts';

/** `SNAPSHOT` (state at subscription) or `REALTIME`. */
export const StreamTypeC = t.keyof({ SNAPSHOT: null, REALTIME: null }, 'StreamType');
export type StreamType = t.TypeOf<typeof StreamTypeC>;

/** Taker side (`ASK` sell, `BID` buy). */
export const WsAskBidC = t.keyof({ ASK: null, BID: null }, 'AskBid');
