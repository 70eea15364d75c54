import { expect } from '@open-wc/testing';
import { delay, http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { referenceDeclaration } from '../../test/fixtures/reference';
import { submitDeclaration } from './declarations';
import { ApiError, apiUrl, parseFieldErrors, parseRetryAfter } from './http';

const worker = setupWorker();
before(() => worker.start({ quiet: true, onUnhandledRequest: 'error' }));
afterEach(() => worker.resetHandlers());
after(() => worker.stop());

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError');
}

const declaration = referenceDeclaration();

describe('submitDeclaration', () => {
  it('POSTs JSON with the Idempotency-Key and returns the issued pass', async () => {
    let seen: { key: string | null; type: string | null; body: unknown } | undefined;
    worker.use(
      http.post('/portal/api/declarations', async ({ request }) => {
        seen = { key: request.headers.get('Idempotency-Key'), type: request.headers.get('Content-Type'), body: await request.json() };
        return HttpResponse.json({ pass: 'CK1:ABC', passId: 'pass_ID-1' }, { status: 201 });
      }),
    );
    const result = await submitDeclaration('/portal/api/', declaration, 'key-1');
    expect(result).to.deep.equal({ qrText: 'CK1:ABC', passId: 'pass_ID-1' });
    expect(seen).to.deep.equal({ key: 'key-1', type: 'application/json', body: declaration });
  });

  it('turns 400 field errors into a non-retryable validation error', async () => {
    worker.use(http.post('/api/declarations', () => HttpResponse.json({ errors: [{ field: 'phone', code: 'invalid-phone', message: 'Sai số' }] }, { status: 400 })));
    const error = await failure(submitDeclaration('/api', declaration, 'k'));
    expect(error).to.include({ code: 'validation', status: 400, retryable: false });
    expect(error.fieldErrors).to.deep.equal([{ field: 'phone', code: 'invalid-phone', message: 'Sai số' }]);
  });

  it('says retrying is safe for 409, 429 (with Retry-After), 5xx and network failures', async () => {
    const cases: [() => Response, string, number | undefined][] = [
      [() => HttpResponse.json({}, { status: 409 }), 'conflict', 409],
      [() => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '3' } }), 'rate-limited', 429],
      [() => HttpResponse.text('<html>down</html>', { status: 502 }), 'server', 502],
      [() => HttpResponse.error(), 'network', undefined],
    ];
    for (const [respond, code, status] of cases) {
      worker.resetHandlers(http.post('/api/declarations', respond));
      const error = await failure(submitDeclaration('/api', declaration, 'k'));
      expect(error, code).to.include({ code, retryable: true, status });
      if (code === 'rate-limited') expect(error.retryAfterMs).to.equal(3000);
    }
  });

  it('refuses other 4xx, bodies of the wrong shape, non-JSON and oversize answers', async () => {
    const cases: [() => Response, string][] = [
      [() => HttpResponse.json({ error: 'gone' }, { status: 410 }), 'client'],
      [() => HttpResponse.json({ errors: 'nope' }, { status: 400 }), 'client'],
      [() => HttpResponse.json({ pass: 42, passId: 'x' }, { status: 201 }), 'bad-response'],
      [() => HttpResponse.json({ pass: 'CK1:A', passId: 'bad id!' }, { status: 201 }), 'bad-response'],
      [() => HttpResponse.text('not json', { status: 201 }), 'bad-response'],
      [() => HttpResponse.json({ pass: 'A'.repeat(20_000), passId: 'x' }, { status: 201 }), 'too-large'],
      [() => HttpResponse.json({ pass: 'CK1:A', passId: 'x' }, { status: 202 }), 'bad-response'],
    ];
    for (const [respond, code] of cases) {
      worker.resetHandlers(http.post('/api/declarations', respond));
      const error = await failure(submitDeclaration('/api', declaration, 'k'));
      expect(error.code, code).to.equal(code);
      expect(error.retryable).to.equal(false);
    }
  });

  it('times out, and tells a caller abort from a timeout', async () => {
    worker.use(
      http.post('/api/declarations', async () => {
        await delay(2000);
        return HttpResponse.json({ pass: 'CK1:A', passId: 'x' }, { status: 201 });
      }),
    );
    expect(await failure(submitDeclaration('/api', declaration, 'k', { timeoutMs: 100 }))).to.include({ code: 'timeout', retryable: true });
    const controller = new AbortController();
    const pending = submitDeclaration('/api', declaration, 'k', { signal: controller.signal });
    controller.abort();
    expect(await failure(pending)).to.include({ code: 'aborted', retryable: true });
  });
});

describe('http helpers', () => {
  it('joins API bases and paths', () => {
    expect(apiUrl('https://portal.example/api', 'declarations')).to.equal('https://portal.example/api/declarations');
    expect(apiUrl('https://portal.example/api/', '/declarations')).to.equal('https://portal.example/api/declarations');
    expect(apiUrl('/api', '.well-known/jwks.json')).to.equal(`${location.origin}/api/.well-known/jwks.json`);
  });

  it('reads Retry-After as seconds or a date, capped', () => {
    expect(parseRetryAfter('5')).to.equal(5000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).to.equal(60_000);
    expect(parseRetryAfter('999999')).to.equal(3_600_000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });

  it('parses field errors defensively', () => {
    expect(parseFieldErrors({ errors: [{ field: 'a', code: 'b' }] })).to.deep.equal([{ field: 'a', code: 'b' }]);
    expect(parseFieldErrors({ errors: [{ field: 1, code: 'b' }] })).to.equal(undefined);
    expect(parseFieldErrors({ errors: [] })).to.equal(undefined);
    expect(parseFieldErrors(null)).to.equal(undefined);
    expect(parseFieldErrors({ errors: Array.from({ length: 500 }, () => ({ field: 'a', code: 'b' })) })).to.have.length(100);
  });
});
