// The placeholder's only script (an external file: the CSP allows no inline script). It shows
// who is logged in and logs out the way the web app will: the CSRF token from /api/session,
// sent back in x-csrf-token.
const who = document.getElementById('who');
const logout = document.getElementById('logout');
const reply = await fetch('/api/session', { credentials: 'same-origin' });
if (reply.ok) {
  const session = await reply.json();
  who.textContent = `Logged in as ${session.user} (${session.role}) until ${new Date(session.expiresAt).toLocaleString()}.`;
  logout.hidden = false;
  logout.addEventListener('click', async () => {
    await fetch('/api/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': session.csrfToken },
    });
    location.assign('/login');
  });
} else location.assign('/login');
