// Demo pages only: says who is signed in on the reference server, or links to the sign-in page
// that comes back to this page. Returns the sign-in link for the elements' `login-href`.
export function loginHref(): string {
  return `/auth/login?${new URLSearchParams({ next: `${location.pathname}${location.search}` })}`;
}

export async function showSession(): Promise<void> {
  const signedOut = document.querySelector<HTMLElement>('#signed-out');
  const signedIn = document.querySelector<HTMLElement>('#signed-in');
  const who = document.querySelector<HTMLElement>('#who');
  const signIn = document.querySelector<HTMLAnchorElement>('#sign-in');
  let response: Response;
  try {
    response = await fetch('/api/session', { headers: { Accept: 'application/json' } });
  } catch {
    return;
  }
  if (response.status === 401) {
    if (signIn) signIn.href = loginHref();
    if (signedOut) signedOut.hidden = false;
    return;
  }
  // 204: a backend without accounts (the in-memory dev backend).
  if (response.status !== 200) return;
  const s = (await response.json().catch(() => null)) as { username?: unknown; role?: unknown; scope?: unknown } | null;
  if (typeof s?.username !== 'string' || typeof s.role !== 'string' || !who || !signedIn) return;
  who.textContent = `${s.username} (${s.role}${typeof s.scope === 'string' ? ` ${s.scope}` : ''})`;
  signedIn.hidden = false;
}
