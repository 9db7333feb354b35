/** A rejection as Upbit reports it: HTTP status plus `{"error":{"name","message"}}`. */
export interface ExchangeError {
  readonly status: number;
  readonly name: string;
  readonly message: string;
}

/** Builds an {@link ExchangeError}. */
export const exchangeError = (status: number, name: string, message: string): ExchangeError => ({
  status,
  name,
  message,
});

/** 400 `validation_error`: a parameter is missing, malformed or out of range. */
export const validationError = (message: string): ExchangeError =>
  exchangeError(400, 'validation_error', message);

/** 404 `order_not_found`. */
export const orderNotFound = (): ExchangeError =>
  exchangeError(404, 'order_not_found', '주문을 찾지 못했습니다.');

/** The side-specific error names: `insufficient_funds_bid`, `under_min_total_ask`, ... */
export const sideError = (
  kind: 'create' | 'insufficient_funds' | 'under_min_total' | 'invalid_price',
  side: 'bid' | 'ask',
  message: string,
): ExchangeError =>
  exchangeError(400, kind === 'create' ? `create_${side}_error` : `${kind}_${side}`, message);
