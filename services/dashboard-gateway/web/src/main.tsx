import { render } from 'solid-js/web';
import { App } from './app.js';
import { createLive } from './live/live-store.js';
import { startObservability } from './observability/observability.js';
import { loadSession } from './session.js';
import './theme.css';

async function start(): Promise<void> {
  // the socket opens while the session is asked for (the snapshot of the positions, the largest
  // part of the load, is on its way meanwhile); a refused socket asks for the session again
  // (no session: to the login page)
  const live = createLive(undefined, async () => void (await loadSession().catch(() => undefined)));
  const session = await loadSession().catch((e: unknown) => {
    live.stop();
    throw e;
  });
  if (session === undefined) return live.stop();
  // off unless the gateway has a collector; Faro itself is a lazy chunk
  startObservability(session.csrfToken);
  const root = document.getElementById('root');
  if (root === null) throw new Error('no #root element');
  render(() => <App live={live} session={session} />, root);
}

void start();
