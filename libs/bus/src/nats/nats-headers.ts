import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { Headers } from '../bus.port.js';

/** Bus headers to NATS headers (undefined when there are none, so no header block is sent). */
export function toNatsHeaders(headers: Headers): MsgHdrs | undefined {
  const entries = Object.entries(headers);
  if (entries.length === 0) return undefined;
  const h = natsHeaders();
  for (const [name, value] of entries) h.set(name, value);
  return h;
}

/** NATS headers to bus headers; a repeated header's values are joined with `,` (as in HTTP). */
export function fromNatsHeaders(h: MsgHdrs | undefined): Headers {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  for (const name of h.keys()) out[name] = h.values(name).join(',');
  return out;
}
