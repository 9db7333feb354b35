/**
 * Front-end observability, off unless the gateway has a collector (ADR 0044): the page asks
 * `GET /api/faro/config` and, when it is on, loads Faro as a chunk of its own after the first
 * render, so the initial JavaScript stays small. Commands wait for Faro (at most `COMMAND_WAIT_MS`)
 * so that even the first one is traced.
 */
import { faroSettingsOf, type FaroSettings } from './faro-settings.js';
import type { PageObserver } from './faro.js';

/** The longest a command waits for Faro to load before it is sent untraced. */
const COMMAND_WAIT_MS = 3000;

let observer: Promise<PageObserver | undefined> = Promise.resolve(undefined);

/** Reads the gateway's settings; off when it says so or cannot say. */
async function loadSettings(): Promise<FaroSettings> {
  try {
    const response = await fetch('/api/faro/config', { credentials: 'same-origin' });
    return response.ok ? faroSettingsOf(await response.json()) : { enabled: false };
  } catch {
    return { enabled: false };
  }
}

/**
 * Starts Faro when the gateway has it on (errors, web vitals, user actions, command traces), its
 * payloads sent with the session's CSRF token. Never throws: observability failing must not
 * break the page.
 */
export function startObservability(csrfToken: string): void {
  observer = loadSettings()
    .then(async (settings) => {
      if (!settings.enabled) return undefined;
      const { startFaro } = await import('./faro.js');
      return startFaro(settings, csrfToken);
    })
    .catch((error: unknown) => {
      console.warn('observability: Faro did not start', error);
      return undefined;
    });
}

const within = <T>(promise: Promise<T>, ms: number, otherwise: T): Promise<T> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(otherwise), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });

/**
 * Sends a command request as its trace when Faro is on (the request then carries a
 * `traceparent`; the gateway continues that trace on the bus), else as it is.
 */
export async function tracedCommand<T>(
  command: string,
  attributes: Readonly<Record<string, string>>,
  send: () => Promise<T>,
): Promise<T> {
  const faro = await within(observer, COMMAND_WAIT_MS, undefined);
  return faro === undefined ? send() : faro.traceCommand(command, attributes, send);
}
