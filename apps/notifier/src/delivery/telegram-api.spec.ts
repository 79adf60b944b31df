import { SecretScrubber } from '@polytrader/platform';
import { apiRootOf, classify } from './telegram-api';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('classify()', () => {
  const scrub = new SecretScrubber([TOKEN], '[token]');

  it('should classify a network error with its causes, scrubbed', () => {
    const err = new Error('fetch failed', { cause: new Error(`connect ECONNREFUSED http://h/bot${TOKEN}/getMe`) });
    expect(classify(err, false, 1000, scrub)).toEqual({ kind: 'retry', error: 'network: fetch failed ← connect ECONNREFUSED http://h/bot[token]/getMe' });
  });

  const tg = (error_code: number, description: string, retry_after?: number) => ({ response: { error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) } });

  it('should wait out a 429 for its retry_after', () => {
    expect(classify(tg(429, 'Too Many Requests: retry after 7', 7), false, 1000)).toEqual({ kind: 'rate_limited', retryAfterS: 7, error: '429: Too Many Requests: retry after 7' });
  });

  it('should retry network errors, timeouts, 5xx and a wrong token or API root', () => {
    expect(classify({ message: 'connect ECONNREFUSED' }, false, 1000)).toEqual({ kind: 'retry', error: 'network: connect ECONNREFUSED' });
    expect(classify({ name: 'AbortError', message: 'aborted' }, true, 1000)).toEqual({ kind: 'retry', error: 'no answer within 1000 ms' });
    for (const code of [500, 502, 401, 404]) expect(classify(tg(code, 'x'), false, 1000).kind).toBe('retry');
  });

  it('should give up on a message Telegram refuses for good', () => {
    expect(classify(tg(400, 'Bad Request: chat not found'), false, 1000)).toEqual({ kind: 'failed', error: '400: Bad Request: chat not found' });
    expect(classify(tg(403, 'Forbidden: bot was blocked by the user'), false, 1000).kind).toBe('failed');
  });
});

describe('apiRootOf()', () => {
  it('should make the root a directory URL so telegraf keeps its path', () => {
    expect(apiRootOf('http://127.0.0.1:8790/telegram')).toBe('http://127.0.0.1:8790/telegram/');
    expect(apiRootOf('https://api.telegram.org/')).toBe('https://api.telegram.org/');
    expect(new URL('./botX/sendMessage', apiRootOf('http://h/telegram')).pathname).toBe('/telegram/botX/sendMessage');
  });
});
