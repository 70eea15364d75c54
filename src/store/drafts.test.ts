import { aTimeout, expect } from '@open-wc/testing';
import { uniqueDbName } from '../../test/fixtures/dom';
import { createDraftAutosaver, deleteDraft, loadDraft, saveDraft } from './drafts';
import { deleteCitizenDb, openCitizenDb } from './open';
import type { StoreError } from './errors';

describe('drafts', () => {
  let name: string;
  beforeEach(() => (name = uniqueDbName('drafts')));
  afterEach(() => deleteCitizenDb(name));

  it('saves, loads and deletes a draft per form', async () => {
    const db = openCitizenDb(name);
    await saveDraft(db, 'a', { fullName: 'An', 'health.symptoms': ['fever'] }, 5);
    await saveDraft(db, 'b', { fullName: 'Bình' });
    expect(await loadDraft(db, 'a')).to.deep.equal({ formId: 'a', values: { fullName: 'An', 'health.symptoms': ['fever'] }, updatedAt: 5 });
    await deleteDraft(db, 'a');
    expect(await loadDraft(db, 'a')).to.equal(undefined);
    expect((await loadDraft(db, 'b'))?.values.fullName).to.equal('Bình');
  });

  it('debounces keystrokes into one write of the latest values; flush writes at once', async () => {
    const db = openCitizenDb(name);
    const saved: number[] = [];
    const autosaver = createDraftAutosaver(db, 'f', { delayMs: 100, onSaved: (at) => saved.push(at) });
    autosaver.schedule({ fullName: 'N' });
    autosaver.schedule({ fullName: 'Ng' });
    autosaver.schedule({ fullName: 'Ngu' });
    expect(autosaver.pending).to.equal(true);
    await aTimeout(40);
    expect(await loadDraft(db, 'f')).to.equal(undefined);
    await aTimeout(150);
    expect(saved).to.have.length(1);
    expect((await loadDraft(db, 'f'))?.values).to.deep.equal({ fullName: 'Ngu' });
    autosaver.schedule({ fullName: 'Nguyễn' });
    await autosaver.flush();
    expect((await loadDraft(db, 'f'))?.values).to.deep.equal({ fullName: 'Nguyễn' });
    autosaver.schedule({ fullName: 'dropped' });
    autosaver.cancel();
    await aTimeout(150);
    expect((await loadDraft(db, 'f'))?.values.fullName).to.equal('Nguyễn');
  });

  it('keeps values pending and reports a coded error when the write fails', async () => {
    const db = openCitizenDb(name);
    const errors: StoreError[] = [];
    const autosaver = createDraftAutosaver(db, 'f', { delayMs: 10, onError: (e) => errors.push(e) });
    db.close(); // any write now fails
    autosaver.schedule({ fullName: 'Lưu' });
    await autosaver.flush();
    expect(errors).to.have.length(1);
    expect(errors[0]?.code).to.equal('unavailable');
    expect(autosaver.pending, 'nothing typed is dropped').to.equal(true);
  });
});
