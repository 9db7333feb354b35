import type { Decimal } from '@hoga/model';

/**
 * Formats a decimal amount for human-readable messages: thousands separators on the integer
 * part, the fraction kept exactly as it is (`1234567.5` -> `1,234,567.5`). Never for storage.
 */
export function formatAmount(amount: Decimal): string {
  const text = amount.toString();
  const negative = text.startsWith('-');
  const [integer = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `1,234,567 KRW`. */
export const formatKrw = (amount: Decimal): string => `${formatAmount(amount)} KRW`;
