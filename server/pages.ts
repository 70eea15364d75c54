// Server-rendered sign-in, sign-out and administration pages: plain HTML forms, no script, so
// they run under a CSP of `default-src 'none'`. Vietnamese by default, English with ?lang=en.

type Lang = 'vi' | 'en';

const T = {
  vi: {
    title: 'Đăng nhập cổng quản lý', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập',
    'invalid-credentials': 'Tên đăng nhập hoặc mật khẩu không đúng.', 'account-locked': 'Tài khoản tạm khoá do nhập sai nhiều lần. Thử lại sau 15 phút.',
    logoutTitle: 'Đăng xuất', logoutText: 'Kết thúc phiên làm việc trên thiết bị này?', logout: 'Đăng xuất',
  },
  en: {
    title: 'Portal sign-in', username: 'Username', password: 'Password', submit: 'Sign in',
    'invalid-credentials': 'Wrong username or password.', 'account-locked': 'Account locked after repeated failures. Try again in 15 minutes.',
    logoutTitle: 'Sign out', logoutText: 'End your session on this device?', logout: 'Sign out',
  },
} as const;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shell(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title></head><body><main>${body}</main></body></html>`;
}

export function loginPage(o: { lang: Lang; next: string; error?: 'invalid-credentials' | 'account-locked' }): string {
  const t = T[o.lang];
  return shell(o.lang, t.title, `<h1>${esc(t.title)}</h1>
${o.error ? `<p role="alert" id="login-error">${esc(t[o.error])}</p>` : ''}
<form method="post" action="/auth/login">
<input type="hidden" name="next" value="${esc(o.next)}">
<p><label for="username">${esc(t.username)}</label><br><input id="username" name="username" autocomplete="username" required maxlength="64"></p>
<p><label for="password">${esc(t.password)}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"></p>
<p><button type="submit">${esc(t.submit)}</button></p>
</form>`);
}

export function logoutPage(o: { lang: Lang }): string {
  const t = T[o.lang];
  return shell(o.lang, t.logoutTitle, `<h1>${esc(t.logoutTitle)}</h1><p>${esc(t.logoutText)}</p>
<form method="post" action="/auth/logout"><button type="submit">${esc(t.logout)}</button></form>`);
}

interface DeviceView {
  deviceId: string; checkpointId: string; label: string | null; enrolledAt: string; revokedAt: string | null;
  maxSeq: number; missing: { from: number; to: number }[]; held: number; refused: number;
  alarms: { code: string; fromSeq: number; toSeq: number; detectedAt: string }[];
}

export function adminPage(o: {
  username: string;
  checkpoints: { id: string; name: string; province_code: string; road: string | null }[];
  devices: DeviceView[];
  audits: { at: Date; actor: string; action: string; subject: string; reason: string | null }[];
  escape: (s: string) => string;
}): string {
  const e = o.escape;
  const ranges = (r: { from: number; to: number }[]) => r.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`)).join(', ');
  return shell('vi', 'Quản trị', `<h1>Quản trị / Administration</h1><p>${e(o.username)} · <a href="/auth/logout">Đăng xuất / Sign out</a></p>
<h2>Chốt / Checkpoints</h2><table><thead><tr><th>id</th><th>tên / name</th><th>tỉnh / province</th><th>đường / road</th></tr></thead><tbody>
${o.checkpoints.map((c) => `<tr><td>${e(c.id)}</td><td>${e(c.name)}</td><td>${e(c.province_code)}</td><td>${e(c.road ?? '')}</td></tr>`).join('\n')}</tbody></table>
<h2>Thiết bị / Devices</h2><table><thead><tr><th>device</th><th>checkpoint</th><th>enrolled</th><th>revoked</th><th>max seq</th><th>missing</th><th>held</th><th>refused</th><th>alarms</th></tr></thead><tbody>
${o.devices.map((d) => `<tr><td>${e(d.deviceId)}<br>${e(d.label ?? '')}</td><td>${e(d.checkpointId)}</td><td>${e(d.enrolledAt)}</td><td>${e(d.revokedAt ?? '')}</td><td>${d.maxSeq}</td>
<td>${e(ranges(d.missing))}</td><td>${d.held}</td><td>${d.refused}</td><td>${d.alarms.map((a) => `${e(a.code)} ${a.fromSeq}–${a.toSeq} (${e(a.detectedAt)})`).join('<br>')}</td></tr>`).join('\n')}</tbody></table>
<h2>Nhật ký tra cứu / Audit log</h2><table><thead><tr><th>at</th><th>who</th><th>action</th><th>subject</th><th>reason</th></tr></thead><tbody>
${o.audits.map((a) => `<tr><td>${e(new Date(a.at).toISOString())}</td><td>${e(a.actor)}</td><td>${e(a.action)}</td><td>${e(a.subject)}</td><td>${e(a.reason ?? '')}</td></tr>`).join('\n')}</tbody></table>`);
}
