// Demo pages only (build time): the header every portal page of the demo shares — skip link,
// the demo banner, the navigation between pages and the language switch — written once here and
// put in place of `<!-- ck-demo-header -->` by Vite, with the page's own link marked current
// (from `<body data-page>`). The kiosk page has a header of its own.
import type { Plugin } from 'vite';

const PAGES = [
  { page: 'citizen', href: '/', vi: 'Người dân', en: 'Citizen' },
  { page: 'kiosk', href: '/kiosk/', vi: 'Chốt kiểm soát', en: 'Checkpoint' },
  { page: 'ward', href: '/ward/', vi: 'Phường/xã', en: 'Ward' },
  { page: 'tracer', href: '/tracer/', vi: 'Truy vết', en: 'Tracing' },
  { page: 'command', href: '/command/', vi: 'Chỉ huy', en: 'Command' },
] as const;

const PLACEHOLDER = '<!-- ck-demo-header -->';

/** The header markup for `page` (Vietnamese first; demo-shell.ts switches the words). */
export function demoHeader(page: string): string {
  const links = PAGES.map(
    (p) => `          <li><a href="${p.href}"${p.page === page ? ' aria-current="page"' : ''} data-vi="${p.vi}" data-en="${p.en}">${p.vi}</a></li>`,
  ).join('\n');
  return `<a class="skip-link" href="#main" data-vi="Bỏ qua đến nội dung" data-en="Skip to content">Bỏ qua đến nội dung</a>
    <header class="demo-header">
      <div class="brand">Checkpoint Kit <small data-vi="Bản demo — dữ liệu mẫu, khóa chỉ dùng thử" data-en="Demo — sample data, demo-only keys">Bản demo — dữ liệu mẫu, khóa chỉ dùng thử</small></div>
      <nav class="demo-nav" aria-label="Demo">
        <ul>
${links}
        </ul>
      </nav>
      <div class="demo-lang" role="group" aria-label="Language / Ngôn ngữ">
        <button type="button" data-lang="vi" aria-pressed="true">VI</button>
        <button type="button" data-lang="en" aria-pressed="false">EN</button>
      </div>
    </header>`;
}

export function demoHeaderPlugin(): Plugin {
  return {
    name: 'ck-demo-header',
    transformIndexHtml(html) {
      if (!html.includes(PLACEHOLDER)) return html;
      const page = /<body[^>]*\sdata-page="([a-z]+)"/.exec(html)?.[1] ?? '';
      return html.replace(PLACEHOLDER, demoHeader(page));
    },
  };
}
