import { render } from 'solid-js/web';
import { App } from './app.js';
import { createLive } from './live/live-store.js';
import { startObservability } from './observability/observability.js';
import { loadSession } from './session.js';
import './theme.css';

async function start(): Promise<void> {
  const session = await loadSession();
  if (session === undefined) return;
  // off unless the gateway has a collector; Faro itself is a lazy chunk
  startObservability(session.csrfToken);
  const root = document.getElementById('root');
  if (root === null) throw new Error('no #root element');
  // a refused socket: ask for the session again (no session: to the login page)
  const live = createLive(undefined, async () => void (await loadSession().catch(() => undefined)));
  render(() => <App live={live} session={session} />, root);
}

void start();
