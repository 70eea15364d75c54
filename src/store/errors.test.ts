import { expect } from '@open-wc/testing';
import Dexie from 'dexie';
import { guard, isQuotaError, StoreError, toStoreError } from './errors';

function named(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(name), { name }, extra);
}

describe('store errors', () => {
  it('recognises QuotaExceededError bare, as AbortError.inner, as a cause and among bulk failures', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).to.equal(true);
    expect(isQuotaError(named('AbortError', { inner: new DOMException('full', 'QuotaExceededError') }))).to.equal(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError')))).to.equal(true);
    expect(isQuotaError(named('BulkError', { failures: [named('ConstraintError'), named('QuotaExceededError')] }))).to.equal(true);
    expect(isQuotaError(new Error('x', { cause: named('QuotaExceededError') }))).to.equal(true);
    expect(isQuotaError(named('AbortError'))).to.equal(false);
    expect(isQuotaError('QuotaExceededError')).to.equal(false);
  });

  it('maps to coded StoreErrors', async () => {
    expect(toStoreError(named('AbortError', { inner: named('QuotaExceededError') })).code).to.equal('quota-exceeded');
    expect(toStoreError(named('DatabaseClosedError')).code).to.equal('unavailable');
    expect(toStoreError(named('MissingAPIError')).code).to.equal('unavailable');
    expect(toStoreError(named('ConstraintError')).code).to.equal('failed');
    const conflict = new StoreError('conflict', 'busy');
    expect(toStoreError(conflict)).to.equal(conflict);
    try {
      await guard(async () => {
        throw named('AbortError', { inner: new DOMException('full', 'QuotaExceededError') });
      });
      expect.fail('guard did not throw');
    } catch (error) {
      expect(error).to.be.instanceOf(StoreError);
      expect((error as StoreError).code).to.equal('quota-exceeded');
    }
  });
});
