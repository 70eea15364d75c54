// Demo pages only: the language switch (vi/en) that every demo page shares. It sets <html lang>,
// which every kit element follows at runtime, and remembers the choice in localStorage.
const STORAGE_KEY = 'ck-demo-lang';
type DemoLang = 'vi' | 'en';

const TITLES: Record<string, Record<DemoLang, string>> = {
  citizen: { vi: 'Khai báo di chuyển nội địa', en: 'Domestic movement declaration' },
  kiosk: { vi: 'Chốt kiểm soát', en: 'Checkpoint kiosk' },
  ward: { vi: 'Phường/xã: đến, đi và lộ trình', en: 'Ward: arrivals, departures and routes' },
  tracer: { vi: 'Truy vết tiếp xúc', en: 'Contact tracing' },
  command: { vi: 'Chỉ huy: tình hình các chốt', en: 'Command: the checkpoints today' },
};

function storedLang(): DemoLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function applyLang(lang: DemoLang): void {
  document.documentElement.lang = lang;
  const page = document.body.dataset.page ?? '';
  const title = TITLES[page]?.[lang];
  if (title) {
    document.title = `${title} — Checkpoint Kit demo`;
    const heading = document.querySelector<HTMLElement>('[data-page-title]');
    if (heading) heading.textContent = title;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-vi][data-en]')) {
    el.textContent = el.dataset[lang] ?? '';
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('.demo-lang button[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice just isn't remembered.
  }
}

export function initDemoShell(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.demo-lang button[data-lang]')) {
    button.addEventListener('click', () => applyLang(button.dataset.lang === 'en' ? 'en' : 'vi'));
  }
  applyLang(storedLang());
}
