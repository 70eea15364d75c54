import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { fetchIssuerKeys, fetchJwks, parseJwks } from './issuer-keys';
import { ApiError } from './http';
import { fetchUnits, parseUnits } from './units';

const worker = setupWorker();
before(() => worker.start({ quiet: true, onUnhandledRequest: 'bypass' }));
afterEach(() => worker.resetHandlers());
after(() => worker.stop());

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return (error as ApiError).code;
  }
  return 'no error';
}

describe('issuer keys', () => {
  it('fetches {apiBase}/.well-known/jwks.json', async () => {
    const keys = [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }];
    worker.use(http.get('/api/.well-known/jwks.json', () => HttpResponse.json({ keys })));
    expect(await fetchIssuerKeys('/api')).to.deep.equal({ keys });
    expect(await fetchJwks('/api/.well-known/jwks.json')).to.deep.equal({ keys });
  });

  it('refuses what is not a key set', () => {
    expect(code(() => parseJwks({}))).to.equal('bad-response');
    expect(code(() => parseJwks({ keys: [{}] }))).to.equal('bad-response');
    expect(code(() => parseJwks({ keys: Array.from({ length: 51 }, () => ({ kty: 'EC' })) }))).to.equal('bad-response');
    expect(parseJwks({ keys: [] })).to.deep.equal({ keys: [] });
  });
});

describe('administrative units', () => {
  it('loads the demo file: 63 provinces, Hà Nội wards with official codes, 00070 and 09289', async () => {
    const units = await fetchUnits('/test/fixtures/units-flat.json');
    expect(units.filter((u) => u.level === 'province')).to.have.length(63);
    const byCode = new Map(units.map((u) => [u.code, u]));
    expect(byCode.get('01')?.name).to.equal('Thành phố Hà Nội');
    expect(byCode.get('00001')).to.include({ name: 'Phường Phúc Xá', parentCode: '01', level: 'ward' });
    expect(byCode.get('00070')?.parentCode).to.equal('01');
    expect(byCode.get('09289')?.parentCode).to.equal('27');
    for (const neighbour of ['27', '33', '35', '17', '25', '26', '19', '24']) expect(byCode.has(neighbour), neighbour).to.equal(true);
    expect(units.filter((u) => u.parentCode === '01').length).to.be.greaterThan(400);
  });

  it('checks every entry', () => {
    expect(code(() => parseUnits({}))).to.equal('bad-response');
    expect(code(() => parseUnits([{ code: '1', name: 'X', parentCode: null, level: 'province' }]))).to.equal('bad-response');
    expect(code(() => parseUnits([{ code: '00001', name: 'X', parentCode: null, level: 'ward' }]))).to.equal('bad-response');
    expect(code(() => parseUnits([{ code: '01', name: '', parentCode: null, level: 'province' }]))).to.equal('bad-response');
    expect(code(() => parseUnits([{ code: '01', name: 'X', parentCode: null, level: 'district' }]))).to.equal('bad-response');
    expect(parseUnits([{ code: '00001', name: 'Phu\u031Bo\u031B\u0300ng X', parentCode: '01', level: 'ward' }])[0]?.name).to.equal('Phường X');
  });
});
