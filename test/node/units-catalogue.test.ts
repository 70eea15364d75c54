/// <reference types="node" />
// The administrative-unit catalogue (docs/units.md): built from the statistics office's state on
// 2021-07-01 (../shared/data), parsed and loaded per province by src/api/units.ts, searched by
// src/elements/shared/unit-search.ts.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { openUnitCatalogue, parseProvinceUnits, parseUnitIndex, UNITS_FORMAT, type AdministrativeUnit } from '../../src/api/units';
import { makeSearchable, searchUnits } from '../../src/elements/shared/unit-search';
import { buildUnitCatalogue, unitCatalogue, unitCatalogueFile, unitsSourcePath } from '../tools/units.mjs';

// What the kit ships: the committed copy in demo/data/units/.
const built = unitCatalogue();
const index = parseUnitIndex(JSON.parse(built.files.get('index.json') ?? ''));
const province = (code: string): AdministrativeUnit[] => parseProvinceUnits(JSON.parse(built.files.get(`${code}.json`) ?? ''), code);

describe('unit catalogue: the data', () => {
  it('the committed copy is exactly what `npm run units` makes from the statistics office file', (t) => {
    let source: string;
    try {
      source = unitsSourcePath();
    } catch {
      t.skip('the source file (../shared/data/vn-units-2021-07.json or CK_UNITS_SOURCE) is not on this machine');
      return;
    }
    const regenerated = buildUnitCatalogue(source);
    assert.equal(regenerated.version, built.version);
    assert.deepEqual([...regenerated.files.keys()].sort(), [...built.files.keys()].sort());
    for (const [name, text] of regenerated.files) assert.equal(built.files.get(name), text, name);
  });

  it('has the whole country of 2021-07-01: 63 provinces, 705 districts, 10,603 wards/communes', () => {
    assert.equal(built.version, '2021-07');
    assert.equal(index.asOf, '2021-07-01');
    assert.equal(index.format, UNITS_FORMAT);
    assert.equal(index.provinces.length, 63);
    let districts = 0;
    let units = 0;
    for (const p of index.provinces) {
      const body = JSON.parse(built.files.get(p.file) ?? '') as { districts: unknown[] };
      districts += body.districts.length;
      const list = province(p.code);
      assert.equal(list.length, p.units, p.code);
      units += list.length;
    }
    assert.equal(districts, 705);
    assert.equal(units, 10_603);
  });

  it('the index’s code ranges send every ward code to its own province', () => {
    for (const p of index.provinces) {
      for (const unit of province(p.code)) {
        const owner = index.ranges.find(([first, last]) => first <= unit.code && unit.code <= last)?.[2];
        assert.equal(owner, p.code, unit.code);
      }
    }
  });

  it('refuses files that are not the format, name another province or carry bad codes', () => {
    assert.throws(() => parseUnitIndex({ ...JSON.parse(built.files.get('index.json') ?? ''), format: 'x' }), { code: 'bad-response' });
    assert.throws(() => parseUnitIndex([]), { code: 'bad-response' });
    const hanoi = JSON.parse(built.files.get('01.json') ?? '') as { districts: { units: string[][] }[] };
    assert.throws(() => parseProvinceUnits(hanoi, '02'), { code: 'bad-response' });
    const broken = structuredClone(hanoi);
    const first = broken.districts[0];
    assert.ok(first);
    first.units[0] = ['1', 'Phường X'];
    assert.throws(() => parseProvinceUnits(broken, '01'), { code: 'bad-response' });
    assert.throws(() => parseUnitIndex({ ...JSON.parse(built.files.get('index.json') ?? ''), ranges: [['00001', '00002', '99']] }), {
      code: 'bad-response',
    });
  });
});

describe('unit catalogue: loading per province over HTTP', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = unitCatalogueFile(req.url ?? '');
      if (body === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('opens the index once, loads only the province asked for, and finds a ward’s province by its code', async () => {
    const url = `${base}/units/2021-07/index.json`;
    const [a, b] = await Promise.all([openUnitCatalogue(url), openUnitCatalogue(url)]);
    assert.equal(a, b);
    assert.equal(a.asOf, '2021-07-01');
    assert.equal(a.provinces.length, 63);
    assert.equal(a.loaded('01'), undefined);
    assert.equal(a.provinceOf('10504'), '01'); // Hà Tây's old codes belong to Hà Nội
    assert.equal(a.provinceOf('00688'), '02');
    const wards = await a.load('01');
    assert.equal(wards.length, 579);
    assert.equal(a.unit('00001')?.name, 'Phường Phúc Xá');
    assert.equal(a.unit('00001')?.district, 'Quận Ba Đình');
    assert.deepEqual(requests.filter((r) => r.startsWith('/units/')), ['/units/2021-07/index.json', '/units/2021-07/01.json']);
  });
});

describe('ward search on the real catalogue', () => {
  const hanoi = province('01').map(makeSearchable);
  const names = (units: ReturnType<typeof makeSearchable>[], q: string) => searchUnits(units, q).map((s) => s.unit.name);

  it('"phuc xa" finds Phường Phúc Xá only: "xa" is not every Xã, and districts are not searched', () => {
    assert.deepEqual(names(hanoi, 'phuc xa'), ['Phường Phúc Xá']);
    assert.deepEqual(names(hanoi, 'Phúc Xá'), ['Phường Phúc Xá']);
    assert.ok(!names(hanoi, 'phuc xa').includes('Xã Hát Môn'));
    assert.deepEqual(names(hanoi, 'ba dinh'), []); // Quận Ba Đình is a district, not a ward name
  });

  it('type words count only when typed', () => {
    const xa = names(hanoi, 'xa phuc');
    assert.ok(xa.includes('Phường Phúc Xá'));
    assert.ok(xa.every((n) => /phúc|xá|xã/iu.test(n)));
    assert.deepEqual(names(hanoi, 'phuong phuc xa'), ['Phường Phúc Xá']);
  });

  it('same-named wards come with their district', () => {
    const byName = new Map<string, AdministrativeUnit[]>();
    for (const s of hanoi) byName.set(s.unit.name, [...(byName.get(s.unit.name) ?? []), s.unit]);
    const twins = [...byName.values()].find((list) => list.length > 1);
    assert.ok(twins, 'Hà Nội has wards/communes of the same name');
    assert.equal(new Set(twins.map((u) => u.district)).size, twins.length);
  });
});
