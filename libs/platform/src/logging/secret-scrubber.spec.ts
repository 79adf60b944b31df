import { SecretScrubber } from './secret-scrubber';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('SecretScrubber', () => {
  const scrub = new SecretScrubber([TOKEN], '[token]');

  it('should scrub the token from message, stack, own properties, cause and AggregateError.errors, nested', () => {
    const url = `http://127.0.0.1:1/telegram/bot${TOKEN}/sendMessage`;
    const inner = Object.assign(new Error(`connect ECONNREFUSED for ${url}`), { code: 'ECONNREFUSED', url });
    const agg = new AggregateError([inner, new Error(`again ${encodeURIComponent(TOKEN)}`)], `all failed: ${url}`);
    const top = new Error(`request to ${url} failed`, { cause: agg });
    (top as unknown as { self: unknown }).self = top; // a cycle
    const copy = scrub.error(top) as Error & { cause: AggregateError & { errors: (Error & { url: string })[] } };
    const text = JSON.stringify(copy, ['message', 'stack', 'cause', 'errors', 'url', 'code']) + copy.stack + copy.cause.stack + copy.cause.errors[0].stack;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(encodeURIComponent(TOKEN));
    expect(copy.message).toBe('request to http://127.0.0.1:1/telegram/bot[token]/sendMessage failed');
    expect(copy.cause.errors[0]).toMatchObject({ code: 'ECONNREFUSED', url: 'http://127.0.0.1:1/telegram/bot[token]/sendMessage' });
    expect(copy.cause.errors[1].message).toBe('again [token]');
    expect(top.message).toContain(TOKEN); // the original is left alone
  });
});
