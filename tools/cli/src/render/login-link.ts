/** `hoga dashboard url`: the link alone on the first line (for scripts), then what it is. */
export function renderLoginLink(
  link: { readonly url: string; readonly expiresAt: string },
  who: { readonly user: string; readonly role: string },
  now: Date,
): string[] {
  const minutes = Math.max(0, Math.round((Date.parse(link.expiresAt) - now.getTime()) / 60_000));
  return [
    link.url,
    `one-time login for ${who.user} (${who.role}): open it once before ${link.expiresAt} (${String(minutes)} min)`,
  ];
}
