import { type Decimal, parseDecimal } from '@hoga/model';

/** A decimal as the exchange API writes it: a plain-notation string. */
export const wire = (d: Decimal): string => d.toString();

/** A decimal as the quotation API and WebSocket write it: a JSON number. */
export const num = (d: Decimal): number => d.toNumber();

/** A positive decimal parameter (string or number), or undefined when absent or invalid. */
export function positiveDecimal(value: unknown): Decimal | undefined {
  const d = parseDecimal(value);
  return d !== undefined && d.isFinite() && d.gt(0) ? d : undefined;
}
