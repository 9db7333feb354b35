/** The page's session: who is logged in and the CSRF token for commands (`GET /api/session`). */
export interface Session {
  readonly user: string;
  readonly role: 'viewer' | 'operator';
  readonly csrfToken: string;
  readonly expiresAt: string;
}

function isSession(u: unknown): u is Session {
  if (typeof u !== 'object' || u === null) return false;
  const s = u as Record<string, unknown>;
  return (
    typeof s['user'] === 'string' &&
    (s['role'] === 'viewer' || s['role'] === 'operator') &&
    typeof s['csrfToken'] === 'string' &&
    typeof s['expiresAt'] === 'string'
  );
}

/** Sends the browser to the gateway's login page (no session, or it ended). */
export function toLogin(): void {
  window.location.assign('/login');
}

/** The session, or undefined after sending the browser to the login page. */
export async function loadSession(): Promise<Session | undefined> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (response.status === 401) {
    toLogin();
    return undefined;
  }
  const body: unknown = await response.json();
  if (!response.ok || !isSession(body)) throw new Error(`GET /api/session: ${response.status}`);
  return body;
}
