import { createJwtSigner, type NonceSource, type UpbitCredentials } from '../auth/jwt.js';
import { MyAssetMessageC, type MyAssetMessage } from './codecs/my-asset.ws.codec.js';
import { MyOrderMessageC, type MyOrderMessage } from './codecs/my-order.ws.codec.js';
import type { CodecFor } from './frame-decoder.js';
import { UpbitWsClient, type WsClientOptions } from './upbit-ws-client.js';

/** A message of the private stream. */
export type PrivateWsMessage = MyOrderMessage | MyAssetMessage;

/** Private client settings. */
export interface PrivateWsClientOptions extends WsClientOptions {
  readonly credentials: UpbitCredentials;
  /** Default `wss://api.upbit.com/websocket/v1/private`. */
  readonly url?: string;
  readonly nonce?: NonceSource;
  /** myOrder markets; empty or absent: all markets. */
  readonly myOrderCodes?: readonly string[];
  /** Also subscribe to myAsset. Default true. */
  readonly myAsset?: boolean;
}

const codecFor: CodecFor<PrivateWsMessage> = (type) =>
  type === 'myOrder' ? MyOrderMessageC : type === 'myAsset' ? MyAssetMessageC : undefined;

/**
 * Upbit's private WebSocket (myOrder, myAsset). Connects with a fresh JWT (`access_key` + `nonce`
 * only) in the Authorization header on every (re)connect. myOrder has no snapshot: listen to
 * `reconnected` (emitted after every connect, the first included) and reconcile by REST.
 */
export class PrivateWsClient extends UpbitWsClient<PrivateWsMessage> {
  constructor(options: PrivateWsClientOptions) {
    const { credentials, ...settings } = options;
    const sign = createJwtSigner(credentials, options.nonce);
    const headers = async (): Promise<Record<string, string>> => ({
      authorization: `Bearer ${await sign()}`,
    });
    super(options.url ?? 'wss://api.upbit.com/websocket/v1/private', settings, codecFor, headers);
    this.subscriptions.add('myOrder', options.myOrderCodes ?? []);
    if (options.myAsset ?? true) this.subscriptions.add('myAsset', [], {}, true);
  }
}
