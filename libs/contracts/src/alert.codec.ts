import * as t from 'io-ts';
import { envelope } from './envelope.js';
import { ServiceNameC, text } from './codec-helpers.js';

/** How loud an alert is: `urgent` pages now (a loss-limit breach, an unresolvable order). */
export const AlertSeverity = t.keyof(
  { info: null, warning: null, critical: null, urgent: null },
  'AlertSeverity',
);
export type AlertSeverity = t.TypeOf<typeof AlertSeverity>;
/** Every severity, least severe first. */
export const ALERT_SEVERITIES = Object.keys(AlertSeverity.keys) as readonly AlertSeverity[];

/**
 * An alert for people, on `hoga.alert.<severity>` (JetStream): the notifier sends it to Telegram
 * and the webhook through its durable outbox. Alerts with the same `dedupKey` within the
 * notifier's window are sent once (`loss-limit-breached`, `order-unknown:<orderId>`).
 */
export const Alert = envelope(
  'Alert',
  t.strict({
    severity: AlertSeverity,
    title: text(200, 1),
    body: text(4000),
    dedupKey: text(200, 1),
    /** The service that raised it. */
    source: ServiceNameC,
  }),
);
export type Alert = t.TypeOf<typeof Alert>;
