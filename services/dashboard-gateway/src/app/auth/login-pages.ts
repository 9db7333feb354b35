/**
 * The login pages: plain HTML that works without JavaScript (the CSP forbids inline scripts and
 * styles; the look comes from `/login.css`). Nothing a client sent is ever echoed into them.
 */

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · hoga</title>
<link rel="stylesheet" href="/login.css">
</head>
<body>
<main>
<h1>hoga</h1>
${body}
</main>
</body>
</html>
`;

const RUN_URL = `<p>Run <code>hoga dashboard url</code> (or <code>npm run hoga -- dashboard url</code>)
on the machine of the engine and open the link it prints: it logs you in once, within minutes.</p>`;

/** The login form (`GET /login`); `notice` is one of the fixed messages below. */
export function loginFormPage(options: { passwords: boolean; notice?: string }): string {
  const notice = options.notice !== undefined ? `<p class="notice">${options.notice}</p>\n` : '';
  if (!options.passwords) return page('Log in', `${notice}<h2>Log in</h2>\n${RUN_URL}`);
  return page(
    'Log in',
    `${notice}<h2>Log in</h2>
<form method="post" action="/login">
<label>User <input name="user" autocomplete="username" required maxlength="128"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit">Log in</button>
</form>
<h2>Or with a one-time link</h2>
${RUN_URL}`,
  );
}

export const WRONG_PASSWORD = 'Wrong user or password.';
export const BAD_FORM = 'Fill in both the user and the password.';

/** An unknown, used or expired one-time code (`GET /login?code=…`, 401). */
export const linkRefusedPage = (): string =>
  page(
    'Link expired',
    `<h2>This login link does not work</h2>
<p>It was used already, has expired, or was never issued: each link logs in once, within minutes.</p>
${RUN_URL}`,
  );

/** Too many login attempts from this address (429). */
export const tooManyAttemptsPage = (retryAfterSeconds: number): string =>
  page(
    'Too many attempts',
    `<h2>Too many login attempts</h2>
<p>Try again in ${String(Math.max(1, Math.ceil(retryAfterSeconds)))} s.</p>`,
  );

/** The look of the login pages (served as `/login.css`: the CSP allows no inline style). */
export const LOGIN_CSS = `:root { color-scheme: dark; }
body { margin: 0; background: #111217; color: #ccccdc; font: 15px/1.5 system-ui, sans-serif; }
main { max-width: 28rem; margin: 12vh auto; padding: 2rem; background: #181b1f; border: 1px solid #2c3235; border-radius: 4px; }
h1 { margin: 0 0 1rem; font-size: 1.4rem; color: #fff; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
label { display: block; margin: .75rem 0; }
input { display: block; width: 100%; box-sizing: border-box; margin-top: .25rem; padding: .5rem; background: #0b0c0e; color: #fff; border: 1px solid #2c3235; border-radius: 2px; }
button { margin-top: .5rem; padding: .5rem 1rem; background: #3d71d9; color: #fff; border: 0; border-radius: 2px; cursor: pointer; }
code { background: #0b0c0e; padding: 0 .25rem; }
.notice { color: #ff7383; }
`;
