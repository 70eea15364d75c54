/// <reference types="node" />
// The chip ID card QR: parsing real-looking cards, every refusal code, and the field-by-field
// compare with a pass's declaration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareIdCard, comparableName, type IdFieldOutcome } from '../../src/core/id-card-compare';
import { ID_CARD_ERROR_CODES, looksLikeIdCard, MAX_ID_CARD_QR_CHARS, parseIdCard, type IdCard, type IdCardErrorCode } from '../../src/core/id-card';
import { idCardErrorText, idFieldOutcomeText, idFieldText } from '../../src/core/texts';
import { cardQrText, declarationOfHolder, fakeIdCard, referenceHolderCard } from '../fixtures/id-cards';

const NOW = new Date('2026-12-07T03:00:00Z');

function parsed(text: string): IdCard {
  const r = parseIdCard(text, { now: NOW });
  assert.ok(r.ok, `refused: ${r.ok ? '' : r.code} for ${text}`);
  return r.card;
}

function code(text: unknown): IdCardErrorCode | 'ok' {
  const r = parseIdCard(text, { now: NOW });
  return r.ok ? 'ok' : r.code;
}

describe('parseIdCard', () => {
  it('reads the notes’ example card (CMND present, four trailing empty fields)', () => {
    const card = parsed('093186002237|362499103|Nguyễn Thị Kim Thư|11011986|Nữ|56 Trần Hoàng Na, Phường Hưng Lợi, Quận Ninh Kiều, Cần Thơ|04102024||||');
    assert.deepEqual(card, {
      cccd: '093186002237',
      cmnd: '362499103',
      fullName: 'Nguyễn Thị Kim Thư',
      dateOfBirth: '1986-01-11',
      gender: 'female',
      address: '56 Trần Hoàng Na, Phường Hưng Lợi, Quận Ninh Kiều, Cần Thơ',
      issueDate: '2024-10-04',
    });
  });

  it('reads every generated card, CMND empty or present, with or without trailing fields', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { text, fields } = fakeIdCard({ seed });
      const card = parsed(text);
      assert.equal(card.cccd, fields.cccd);
      assert.equal(card.cmnd, fields.cmnd === '' ? undefined : fields.cmnd);
      assert.equal('cmnd' in card, fields.cmnd !== '', 'no cmnd key when the field is empty');
      assert.equal(card.fullName, fields.fullName);
      assert.equal(card.dateOfBirth, fields.dateOfBirth);
      assert.equal(card.gender, fields.gender);
      assert.equal(card.issueDate, fields.issueDate);
    }
  });

  it('tolerates NFD text, upper-case gender, a BOM, a line end and spacing around fields', () => {
    const { fields } = fakeIdCard({ seed: 4, gender: 'female' });
    const nfd = cardQrText(fields, { fullName: fields.fullName.normalize('NFD'), gender: 'NỮ'.normalize('NFD'), address: `  ${fields.address.normalize('NFD')}  ` });
    const card = parsed(`\uFEFF${nfd}\r\n`);
    assert.equal(card.fullName, fields.fullName.normalize('NFC'));
    assert.equal(card.gender, 'female');
    assert.equal(card.address, fields.address);
    assert.equal(parsed(cardQrText(fields, { fullName: `  ${fields.fullName.replace(/ /g, '   ')} ` })).fullName, fields.fullName);
  });

  it('reads a born-2000s card (digit 2/3) and keeps card data out of the result message', () => {
    const { text, fields } = fakeIdCard({ seed: 8, gender: 'male', dateOfBirth: '2003-02-28' });
    assert.equal(fields.cccd[3], '2');
    assert.equal(parsed(text).dateOfBirth, '2003-02-28');
    const bad = parseIdCard(cardQrText(fields, { gender: 'Nữ' }), { now: NOW });
    assert.ok(!bad.ok);
    assert.ok(!bad.message.includes(fields.fullName) && !bad.message.includes(fields.cccd), 'no personal data in messages');
  });

  const { fields: f } = fakeIdCard({ seed: 6, gender: 'male', dateOfBirth: '1984-07-09', province: '01', withCmnd: true, trailingFields: 0 });
  const cases: [string, unknown, IdCardErrorCode][] = [
    ['too long', `${cardQrText(f)}${' '.repeat(MAX_ID_CARD_QR_CHARS)}`, 'too-long'],
    ['not a string', 42, 'not-an-id-card'],
    ['a pass', 'CK1:ABC123', 'not-an-id-card'],
    ['six fields', cardQrText(f).split('|').slice(0, 6).join('|'), 'not-an-id-card'],
    ['too many fields', `${cardQrText(f)}${'|'.repeat(20)}`, 'not-an-id-card'],
    ['COVID personal QR (masked number)', '******123456|NGUYEN VAN A|1984-07-09|CCCD|abc|def|', 'not-an-id-card'],
    ['11-digit number', cardQrText(f, { cccd: f.cccd.slice(1) }), 'bad-number'],
    ['13-digit number', cardQrText(f, { cccd: `${f.cccd}1` }), 'bad-number'],
    ['province 003', cardQrText(f, { cccd: `003${f.cccd.slice(3)}` }), 'unknown-province'],
    ['leading 1', cardQrText(f, { cccd: `1${f.cccd.slice(1)}` }), 'unknown-province'],
    ['CMND 8 digits', cardQrText(f, { cmnd: '12345678' }), 'bad-cmnd'],
    ['CMND letters', cardQrText(f, { cmnd: 'A12345678' }), 'bad-cmnd'],
    ['empty name', cardQrText(f, { fullName: ' ' }), 'bad-name'],
    ['name with digits', cardQrText(f, { fullName: 'Nguyễn Văn 4' }), 'bad-name'],
    ['name with Cyrillic а', cardQrText(f, { fullName: 'Nguyễn Văn \u0430n' }), 'bad-name'],
    ['name too long', cardQrText(f, { fullName: 'A'.repeat(101) }), 'bad-name'],
    ['31 February', cardQrText(f, { dateOfBirth: '31021984' }), 'bad-date'],
    ['ISO date', cardQrText(f, { dateOfBirth: '1984-07-09' }), 'bad-date'],
    ['future birth', cardQrText(f, { dateOfBirth: '01012030' }), 'bad-date'],
    ['before 1900', cardQrText(f, { dateOfBirth: '31121899' }), 'bad-date'],
    ['gender "M"', cardQrText(f, { gender: 'M' }), 'bad-gender'],
    ['gender "Nu" without diacritic', cardQrText(f, { gender: 'Nu' }), 'bad-gender'],
    ['empty address', cardQrText(f, { address: '' }), 'bad-address'],
    ['address with a control char', cardQrText(f, { address: 'Số 1\u0007 Hàng Bạc' }), 'bad-address'],
    ['address too long', cardQrText(f, { address: 'a'.repeat(301) }), 'bad-address'],
    ['issue before birth', cardQrText(f, { issueDate: '01011980' }), 'bad-issue-date'],
    ['issue in the future', cardQrText(f, { issueDate: '01012031' }), 'bad-issue-date'],
    ['empty issue date', cardQrText(f, { issueDate: '' }), 'bad-issue-date'],
    ['born 2000s, digit 0', cardQrText(f, { dateOfBirth: '09072004', issueDate: '01012022', cccd: `${f.cccd.slice(0, 4)}04${f.cccd.slice(6)}` }), 'century-mismatch'],
    ['male with odd digit', cardQrText(f, { cccd: `${f.cccd.slice(0, 3)}1${f.cccd.slice(4)}` }), 'gender-digit-mismatch'],
    ['female card with even digit', cardQrText(f, { gender: 'Nữ' }), 'gender-digit-mismatch'],
    ['year digits 85 for 1984', cardQrText(f, { cccd: `${f.cccd.slice(0, 4)}85${f.cccd.slice(6)}` }), 'birth-year-mismatch'],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name} with ${expected}`, () => {
      assert.equal(code(text), expected);
    });
  }

  it('uses every documented code, each with a message and vi/en texts', () => {
    const used = new Set(cases.map((c) => c[2]));
    for (const c of ID_CARD_ERROR_CODES) {
      assert.ok(used.has(c), `no case for ${c}`);
      assert.ok(idCardErrorText(c, 'vi').length > 0 && idCardErrorText(c, 'en').length > 0);
      assert.notEqual(idCardErrorText(c, 'vi'), idCardErrorText(c, 'en'));
    }
  });

  it('never throws and answers only documented codes, whatever the input', () => {
    const codes = new Set<string>(ID_CARD_ERROR_CODES);
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }).map((a) => a.join('|'))), (input) => {
        const r = parseIdCard(input, { now: NOW });
        if (!r.ok) assert.ok(codes.has(r.code));
      }),
      { seed: 13, numRuns: 2000 },
    );
  });

  it('looksLikeIdCard routes card texts and not passes', () => {
    assert.ok(looksLikeIdCard(fakeIdCard({ seed: 2 }).text));
    assert.ok(!looksLikeIdCard('CK1:0123'));
    assert.ok(!looksLikeIdCard(42));
  });
});

describe('compareIdCard', () => {
  const outcomes = (r: ReturnType<typeof compareIdCard>): IdFieldOutcome[] => r.fields.map((x) => x.outcome);

  it('matches the holder’s own pass, field by field, in the documented order', () => {
    const { text, fields } = referenceHolderCard();
    const r = compareIdCard(parsed(text), declarationOfHolder(fields));
    assert.equal(r.result, 'matched');
    assert.deepEqual(r.fields.map((x) => x.field), ['idNumber', 'fullName', 'dateOfBirth', 'gender']);
    assert.deepEqual(outcomes(r), ['match', 'match', 'match', 'match']);
  });

  it('matches across case, spacing and NFD in the declared name', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { text, fields } = fakeIdCard({ seed });
      const pass = declarationOfHolder(fields);
      for (const name of [pass.fullName.toUpperCase(), pass.fullName.toLowerCase(), ` ${pass.fullName.replace(/ /g, '  ')} `, pass.fullName.normalize('NFD')]) {
        assert.equal(compareIdCard(parsed(text), { ...pass, fullName: name }).result, 'matched', name);
      }
    }
  });

  it('a diacritic makes a different name (Thư ≠ Thu, Đức ≠ Dức)', () => {
    assert.notEqual(comparableName('Nguyễn Thị Kim Thư'), comparableName('Nguyễn Thị Kim Thu'));
    assert.notEqual(comparableName('Trần Văn Đức'), comparableName('Trần Văn Dức'));
    assert.equal(comparableName('TRẦN VĂN ĐỨC'), comparableName('trần văn đức'));
    const card = parsed('093186002237||Nguyễn Thị Kim Thư|11011986|Nữ|Cần Thơ|04102024');
    const r = compareIdCard(card, { fullName: 'Nguyen Thi Kim Thu', idType: 'cccd', idNumber: '093186002237', dateOfBirth: '1986-01-11', gender: 'female' });
    assert.equal(r.result, 'mismatch');
    assert.deepEqual(outcomes(r), ['match', 'mismatch', 'match', 'match']);
  });

  it('someone else’s card: every personal field mismatches', () => {
    const mine = fakeIdCard({ seed: 10, gender: 'male', dateOfBirth: '1980-01-01' });
    const theirs = fakeIdCard({ seed: 11, gender: 'female', dateOfBirth: '1992-03-04' });
    const r = compareIdCard(parsed(theirs.text), declarationOfHolder(mine.fields));
    assert.equal(r.result, 'mismatch');
    assert.deepEqual(outcomes(r), ['mismatch', 'mismatch', 'mismatch', 'mismatch']);
  });

  it('a pass declared with a 9-digit CMND compares with the card’s CMND field', () => {
    const { text, fields } = fakeIdCard({ seed: 12, withCmnd: true });
    const pass = declarationOfHolder(fields, 'cmnd');
    assert.deepEqual(compareIdCard(parsed(text), pass), compareIdCard(parsed(text), declarationOfHolder(fields)));
    assert.equal(compareIdCard(parsed(text), { ...pass, idNumber: '999999999' }).fields[0]?.outcome, 'mismatch');
    // The card without the CMND field: the number cannot be compared, so no match.
    const withoutCmnd = parsed(cardQrText(fields, { cmnd: '' }));
    const r = compareIdCard(withoutCmnd, pass);
    assert.deepEqual(outcomes(r), ['not-on-card', 'match', 'match', 'match']);
    assert.equal(r.result, 'mismatch');
  });

  it('a 12-digit CMND compares with the card number; a passport is not on the card', () => {
    const { text, fields } = fakeIdCard({ seed: 14 });
    assert.equal(compareIdCard(parsed(text), { ...declarationOfHolder(fields), idType: 'cmnd' }).result, 'matched');
    const r = compareIdCard(parsed(text), { ...declarationOfHolder(fields), idType: 'passport', idNumber: 'C1234567' });
    assert.equal(r.fields[0]?.outcome, 'not-on-card');
    assert.equal(r.result, 'mismatch');
  });

  it('what the pass lacks is not-on-pass (empty fields, gender "other")', () => {
    const { text, fields } = fakeIdCard({ seed: 16 });
    const r = compareIdCard(parsed(text), { ...declarationOfHolder(fields), fullName: '', gender: 'other', dateOfBirth: undefined });
    assert.deepEqual(outcomes(r), ['match', 'not-on-pass', 'not-on-pass', 'not-on-pass']);
    assert.equal(r.result, 'matched');
    assert.equal(compareIdCard(parsed(text), {}).fields[0]?.outcome, 'not-on-pass');
  });

  it('gives each outcome in words, both languages', () => {
    for (const o of ['match', 'mismatch', 'not-on-card', 'not-on-pass'] as const) {
      assert.notEqual(idFieldOutcomeText(o, 'vi'), idFieldOutcomeText(o, 'en'));
    }
    assert.equal(idFieldText('dateOfBirth', 'match', 'vi'), 'Ngày sinh: Khớp với thẻ');
    assert.equal(idFieldText('fullName', 'mismatch', 'en'), 'Full name: Does NOT match the card');
  });

  it('matches any consistent generated card with its holder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const { text, fields } = fakeIdCard({ seed });
        assert.equal(compareIdCard(parsed(text), declarationOfHolder(fields)).result, 'matched');
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
