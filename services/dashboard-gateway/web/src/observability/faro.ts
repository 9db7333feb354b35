/**
 * Faro in the page (a chunk of its own, imported only when the gateway has a collector): errors,
 * web vitals, user actions, events, and traces of commands. Only command requests are traced, so
 * only they carry a `traceparent`; Faro's own requests to the gateway never do.
 */
import {
  FetchTransport,
  getWebInstrumentations,
  initializeFaro,
  type Faro,
  type TransportItem,
} from '@grafana/faro-web-sdk';
import { TracingInstrumentation } from '@grafana/faro-web-tracing';
import type { FaroSettings } from './faro-settings.js';

/** The requests traced: the command routes (anything else, Faro's endpoint first, is not). */
const COMMAND_PATH =
  /^\/api\/(strategies|risk\/(halt|reduce|resume|arm|disarm)|positions\/[^/]+\/(close|pause|resume|retry-close|dismiss))$/;

const notACommand = (origin: string): RegExp =>
  new RegExp(`^(?!${escapeRegExp(origin)}${COMMAND_PATH.source.slice(1, -1)}(\\?|$))`);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Replaces each secret in every string of `item` (a CSRF token must never leave the page). */
export function scrub<T>(item: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= 8);
  if (live.length === 0) return item;
  const text = JSON.stringify(item);
  if (!live.some((s) => text.includes(s))) return item;
  return JSON.parse(live.reduce((acc, s) => acc.split(s).join('[redacted]'), text)) as T;
}

/** Faro, started: what the rest of the page may ask of it. */
export interface PageObserver {
  /**
   * Runs `send` (which must call `fetch` at once) as the command's trace: a span `command <name>`
   * whose child, the fetch, carries the `traceparent`; a user action and a `command` event with
   * the trace id. Returns what `send` returns.
   */
  traceCommand<T>(
    command: string,
    attributes: Readonly<Record<string, string>>,
    send: () => Promise<T>,
  ): Promise<T>;
  readonly faro: Faro;
}

/**
 * Starts Faro with the gateway's settings; its payloads carry the session's CSRF token as a
 * header (the endpoint checks it like a command's), and the token is scrubbed from their bodies.
 */
export function startFaro(
  settings: Extract<FaroSettings, { enabled: true }>,
  csrfToken: string,
): PageObserver {
  const origin = window.location.origin;
  const faro = initializeFaro({
    transports: [
      new FetchTransport({
        // absolute: the fetch instrumentation compares it with the request's absolute URL
        url: new URL(settings.url, origin).href,
        requestOptions: { credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } },
      }),
    ],
    app: settings.app,
    instrumentations: [
      ...getWebInstrumentations({ captureConsole: false }),
      new TracingInstrumentation({
        instrumentationOptions: { propagateTraceHeaderCorsUrls: [] },
      }),
    ],
    ignoreUrls: [notACommand(origin)],
    sessionTracking: { enabled: true, persistent: false },
    beforeSend: (item: TransportItem) => scrub(item, [csrfToken]),
    preventGlobalExposure: true,
  });
  return {
    faro,
    traceCommand(command, attributes, send) {
      const otel = faro.api.getOTEL();
      faro.api.startUserAction(`command ${command}`, { ...attributes, command });
      if (otel === undefined) return send();
      const tracer = otel.trace.getTracer('hoga-web');
      return tracer.startActiveSpan(`command ${command}`, { attributes }, (span) => {
        const context = span.spanContext();
        faro.api.pushEvent(
          'command',
          { ...attributes, command, traceId: context.traceId },
          undefined,
          { spanContext: context },
        );
        return send().finally(() => span.end());
      });
    },
  };
}
