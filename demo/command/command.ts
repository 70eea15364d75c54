// The command page: what every checkpoint saw today (or the day in `?date=`), live.
import '../../src/elements/ck-checkpoint-stats/ck-checkpoint-stats';
import { isIsoDate } from '../../src/core/dates';
import { initDemoShell } from '../shared/demo-shell';
import { loginHref, showSession } from '../shared/session';

const stats = document.querySelector<HTMLElementTagNameMap['ck-checkpoint-stats']>('ck-checkpoint-stats');
if (!stats) throw new Error('command page: missing ck-checkpoint-stats');
initDemoShell();
stats.loginHref = loginHref();
const date = new URLSearchParams(location.search).get('date') ?? '';
if (isIsoDate(date)) stats.date = date;
stats.addEventListener('ck-checkpoint-stats-loaded', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('date', event.detail.date);
  history.replaceState(null, '', url);
});
void showSession();
