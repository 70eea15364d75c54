/// <reference types="node" />
// Terminology (issue 15): what a citizen receives is the QR code of a domestic-movement
// declaration ("mã QR khai báo di chuyển nội địa"), never a travel permit ("giấy đi đường"):
// Hà Nội said it would not issue travel permits for movement in the city. Every string of
// every element, the core's reason texts, the demo pages, the README and the docs are checked
// in both languages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DECLARATION_ERROR_CODES } from '../../src/core/declaration';
import { ID_CARD_ERROR_CODES } from '../../src/core/id-card';
import { ID_COMPARE_FIELDS } from '../../src/core/id-card-compare';
import { DECISION_CONDITION_KINDS, RECOMMENDED_ACTIONS, recommend, recommendationHeadline } from '../../src/core/recommendation';
import { declarationErrorText, idCardErrorText, idCardMatchText, idFieldText, reasonText } from '../../src/core/texts';
import { PASS_STATUSES } from '../../src/core/verdict-types';
import { messages as checkpoint } from '../../src/elements/ck-checkpoint/ck-checkpoint.messages';
import { messages as form } from '../../src/elements/ck-declaration-form/ck-declaration-form.messages';
import { messages as pass } from '../../src/elements/ck-pass/ck-pass.messages';
import { messages as route } from '../../src/elements/ck-route/ck-route.messages';
import { portalWords } from '../../src/elements/shared/portal-text';
import { messages as scanner } from '../../src/elements/ck-scanner/ck-scanner.messages';
import { healthAdvice } from '../../src/elements/shared/health-advice';
import { messages as syncStatus } from '../../src/elements/ck-sync-status/ck-sync-status.messages';
import { messages as inbox } from '../../src/elements/ck-ward-inbox/ck-ward-inbox.messages';
import { messages as exposure } from '../../src/elements/ck-exposure/ck-exposure.messages';
import { messages as stats } from '../../src/elements/ck-checkpoint-stats/ck-checkpoint-stats.messages';

const root = new URL('../../', import.meta.url).pathname;

/** Wrong in any language. */
const WRONG_ANYWHERE: RegExp[] = [/giấy đi đường/iu, /giay di duong/i, /giấy phép/iu, /travel permit/i, /\bpermits?\b/i, /movement pass/i];
/** Wrong in a Vietnamese UI string: "giấy" alone names a paper permit ("giấy tờ" = ID documents is fine). */
const WRONG_VI: RegExp[] = [/(^|[\s(“"])giấy(?! tờ)/iu];
/** Wrong in an English UI string: "pass" names a permit; the thing is a declaration's QR code. */
const WRONG_EN: RegExp[] = [/\bpass(es)?\b/i];

/** Every string a catalog can produce: plain values, and functions called with sample arguments. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    for (const args of [[2, 3, 4], ['X1', 'X2', 'X3'], [{ days: 1, hours: 2, minutes: 3, seconds: 4 }, true]]) {
      try {
        const out = fn(...args);
        if (typeof out === 'string') return [[path, out]];
      } catch {
        // another argument shape
      }
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const catalogs = { checkpoint, form, pass, route, portalWords, scanner, syncStatus, inbox, exposure, stats, healthAdvice };

function offences(text: string, lang: 'vi' | 'en' | 'any'): string[] {
  const rules = [...WRONG_ANYWHERE, ...(lang === 'vi' ? WRONG_VI : lang === 'en' ? WRONG_EN : [])];
  return rules.filter((r) => r.test(text)).map(String);
}

describe('terminology: a declaration QR code, never a travel permit', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`no element string says the wrong term (${lang})`, () => {
      const found: string[] = [];
      let count = 0;
      for (const [name, catalog] of Object.entries(catalogs)) {
        for (const [path, text] of strings(catalog[lang])) {
          count++;
          const bad = offences(text, lang);
          if (bad.length) found.push(`${name}.${path}: ${text} (${bad.join(', ')})`);
        }
      }
      assert.ok(count > 300, `walked ${count} strings`);
      assert.deepEqual(found, []);
    });

    it(`no reason or validation text of the core says the wrong term (${lang})`, () => {
      // Every reason a recommendation can give: one input that makes every default rule hold.
      const reasons = recommend({
        status: 'manual', card: 'mismatch', doubleIn: true, recentPassage: true, staleTrust: true, clockSkew: true, originRisk: { level: 'high' },
        health: { symptoms: ['fever'], contactWithCase: true, testResult: { result: 'positive', date: '2021-09-01' } }, today: '2021-09-14',
      }, DECISION_CONDITION_KINDS.map((kind, i) => ({
        id: `r${i}`, action: 'check' as const, decision: 'refer' as const,
        when: kind === 'verdict' ? { kind, statuses: ['manual' as const] } : kind === 'risk-area' ? { kind, levels: ['high' as const] }
          : kind === 'id-card' ? { kind, results: ['mismatch' as const] } : kind === 'no-negative-test' ? { kind, withinDays: 3 } : { kind },
      }))).reasons.map((r) => r.texts[lang]);
      assert.equal(reasons.length, DECISION_CONDITION_KINDS.length);
      const texts = [
        ...PASS_STATUSES.map((s) => reasonText(s, lang)), ...DECLARATION_ERROR_CODES.map((c) => declarationErrorText(c, lang)),
        ...ID_CARD_ERROR_CODES.map((c) => idCardErrorText(c, lang)),
        ...ID_COMPARE_FIELDS.flatMap((f) => (['match', 'mismatch', 'not-on-card', 'not-on-pass'] as const).map((o) => idFieldText(f, o, lang))),
        idCardMatchText('matched', lang), idCardMatchText('mismatch', lang),
        ...RECOMMENDED_ACTIONS.map((a) => recommendationHeadline(a, lang)), ...reasons,
      ];
      assert.deepEqual(texts.filter((t) => offences(t, lang).length), []);
    });
  }

  it('the pass element and the form name the thing as the seed does', () => {
    assert.equal(pass.vi.title, 'Mã QR khai báo di chuyển nội địa');
    assert.match(pass.en.title, /domestic movement declaration QR code/i);
    assert.match(form.vi.issued('ABCD-EFGH'), /mã QR khai báo/);
    assert.match(form.en.issued('ABCD-EFGH'), /declaration QR code/);
  });

  it('no demo page, README or doc says the wrong term, except to say what the thing is not', () => {
    const files = [
      'README.md',
      ...readdirSync(join(root, 'docs')).filter((f) => /\.(md|yaml)$/.test(f)).map((f) => `docs/${f}`),
      ...['demo/index.html', 'demo/citizen.ts', 'demo/kiosk/index.html', 'demo/kiosk/pwa.ts', 'demo/kiosk/kiosk.ts', 'demo/ward/index.html', 'demo/ward/ward.ts', 'demo/shared/demo-shell.ts'],
    ];
    const found: string[] = [];
    for (const file of files) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // The one sentence that explains the term may quote the wrong word ("not a travel permit").
          if (/\bnot a travel permit\b|không phải giấy đi đường/iu.test(line)) return;
          const bad = offences(line, 'any');
          if (bad.length) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, []);
  });

  it('the demo pages’ English texts do not call it a pass', () => {
    const found: string[] = [];
    for (const file of ['demo/index.html', 'demo/kiosk/index.html', 'demo/ward/index.html']) {
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/data-en="([^"]*)"/g)) {
        if (offences(m[1] ?? '', 'en').length) found.push(`${file}: ${m[1]}`);
      }
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(/data-vi="([^"]*)"/g)) {
        if (offences(m[1] ?? '', 'vi').length) found.push(`${file}: ${m[1]}`);
      }
    }
    assert.deepEqual(found, []);
  });
});
