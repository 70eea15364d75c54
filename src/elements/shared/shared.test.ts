import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CountdownController, splitDuration, showsSeconds } from './countdown-controller';
import { LocalizeController, normalizeLang, resolveLang } from './localize';
import { exactUnit, foldVietnamese, makeSearchable, searchUnits } from './unit-search';
import { LiveQueryController, type Subscribable } from './live-query-controller';
import { must } from '../../../test/fixtures/dom';

describe('unit search', () => {
  const units = [
    { code: '01', name: 'Thành phố Hà Nội', parentCode: null, level: 'province' as const },
    { code: '35', name: 'Tỉnh Hà Nam', parentCode: null, level: 'province' as const },
    { code: '66', name: 'Tỉnh Đắk Lắk', parentCode: null, level: 'province' as const },
    { code: '00070', name: 'Phường Hàng Trống', parentCode: '01', level: 'ward' as const, district: 'Quận Hoàn Kiếm' },
  ].map(makeSearchable);

  it('folds Vietnamese diacritics, đ/Đ and case', () => {
    expect(foldVietnamese('  Hà  NỘI ')).to.equal('ha noi');
    expect(foldVietnamese('Đắk Lắk')).to.equal('dak lak');
    expect(foldVietnamese('Thừa Thiên Huế')).to.equal('thua thien hue');
    expect(foldVietnamese('Ho\u0300a Bi\u0300nh')).to.equal('hoa binh'); // decomposed input
  });

  it('finds "ha noi", "HA NOI", "hanoi", "dak lak" and codes, not districts; ranks name starts first', () => {
    const names = (q: string) => searchUnits(units, q).map((s) => s.unit.name);
    expect(names('ha noi')[0]).to.equal('Thành phố Hà Nội');
    expect(names('HA NOI')[0]).to.equal('Thành phố Hà Nội');
    expect(names('hanoi')).to.deep.equal(['Thành phố Hà Nội']);
    expect(names('ha n').slice(0, 2)).to.deep.equal(['Tỉnh Hà Nam', 'Thành phố Hà Nội']); // name starts first
    expect(names('dak lak')).to.deep.equal(['Tỉnh Đắk Lắk']);
    expect(names('hoan kiem')).to.deep.equal([]); // the district is shown, not searched
    expect(names('0007')).to.deep.equal(['Phường Hàng Trống']);
    expect(names('xyz')).to.deep.equal([]);
    expect(exactUnit(units, 'ha noi')?.unit.code).to.equal('01');
    expect(exactUnit(units, 'thanh pho ha noi')?.unit.code).to.equal('01');
    expect(exactUnit(units, 'ha')).to.equal(undefined);
  });
});

class LangProbe extends LitElement {
  l10n = new LocalizeController(this, { vi: { hello: 'Xin chào' }, en: { hello: 'Hello' } });
  override render() {
    return html`${this.l10n.msg.hello}`;
  }
}
customElements.define('lang-probe', LangProbe);

describe('localisation', () => {
  it('normalises tags and resolves lang along the composed tree', async () => {
    expect(normalizeLang('en-GB')).to.equal('en');
    expect(normalizeLang('VI_vn')).to.equal('vi');
    expect(normalizeLang('fr')).to.equal(undefined);
    const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><span></span></p>';
    const span = must(root.querySelector('span'));
    expect(resolveLang(span)).to.equal('en');
    must(root.querySelector('p')).setAttribute('lang', 'fr');
    expect(resolveLang(span), 'unsupported nearest → vi').to.equal('vi');
  });

  it('re-renders on lang changes of the element or any ancestor (also across shadow roots)', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="vi"></div>`);
    const root = outer.attachShadow({ mode: 'open' });
    const probe = document.createElement('lang-probe') as LangProbe;
    root.append(probe);
    await probe.updateComplete;
    expect(probe.shadowRoot?.textContent).to.equal('Xin chào');
    outer.lang = 'en';
    await waitUntil(() => probe.shadowRoot?.textContent === 'Hello', 'ancestor across shadow root');
    probe.lang = 'vi';
    await waitUntil(() => probe.shadowRoot?.textContent === 'Xin chào', 'own attribute');
    expect(probe.l10n.locale).to.equal('vi-VN');
  });
});

class TickProbe extends LitElement {
  now = 0;
  countdown = new CountdownController(this, { now: () => this.now });
  renders = 0;
  override render() {
    this.renders++;
    return html`${this.countdown.remainingMs}`;
  }
}
customElements.define('tick-probe', TickProbe);

describe('countdown controller', () => {
  it('splits durations and picks seconds only in the last hour', () => {
    expect(splitDuration(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000 + 999)).to.deep.equal({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(splitDuration(-5)).to.deep.equal({ days: 0, hours: 0, minutes: 0, seconds: 0 });
    expect(showsSeconds(3_599_999)).to.equal(true);
    expect(showsSeconds(3_600_000)).to.equal(false);
  });

  it('ticks while connected, stops at expiry and frees its timer on disconnect', async () => {
    const el = await fixture<TickProbe>(html`<tick-probe></tick-probe>`);
    el.now = Date.now();
    const start = el.now;
    el.countdown.target = start + 1500;
    await el.updateComplete;
    const before = el.renders;
    el.now = start + 600; // the controller reads the injected clock on each tick
    await aTimeout(1100);
    expect(el.renders).to.be.greaterThan(before);
    el.now = start + 2000;
    expect(el.countdown.expired).to.equal(true);
    expect(el.countdown.remainingMs).to.equal(0);
    el.remove();
    const afterRemove = el.renders;
    await aTimeout(1200);
    expect(el.renders).to.equal(afterRemove);
  });
});

class QueryProbe extends LitElement {
  live = new LiveQueryController<number>(this);
}
customElements.define('query-probe', QueryProbe);

describe('liveQuery controller', () => {
  it('subscribes while connected, drops values of a replaced query, unsubscribes on disconnect', async () => {
    const observers: { next: (v: number) => void }[] = [];
    let unsubscribed = 0;
    const source = (): Subscribable<number> => ({
      subscribe(observer) {
        observers.push(observer);
        return { unsubscribe: () => void unsubscribed++ };
      },
    });
    const el = await fixture<QueryProbe>(html`<query-probe></query-probe>`);
    el.live.setQuery(source);
    must(observers[0]).next(1);
    expect(el.live.value).to.equal(1);
    el.live.setQuery(source);
    must(observers[0]).next(99); // the old subscription: ignored
    expect(el.live.value).to.equal(undefined);
    must(observers[1]).next(2);
    expect(el.live.value).to.equal(2);
    el.remove();
    expect(unsubscribed).to.equal(2);
  });
});
