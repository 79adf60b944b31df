import { MAX_PAYLOAD_BYTES, MAX_PAYLOAD_DEPTH, MAX_STRING_LENGTH, describeValue, encode, envelope, parse } from './index';
import { Subjects, heartbeatSubject, metricsSubject } from './subjects';

const snapshot = () => ({
  ...envelope('collector'),
  marketId: '559651',
  question: 'Will it rain?',
  outcomes: [{ outcome: 'Yes', tokenId: 't1', price: 0.42 }],
  volume24h: 1000,
  liquidity: 5000,
  books: [{ tokenId: 't1', bestBid: 0.41, bestAsk: 0.43, mid: 0.42, spread: 0.02, bidDepth: 100, askDepth: 120 }],
  cycleId: 'c1',
  category: null,
  endDate: null,
});

describe('parse()', () => {
  it('should return a typed event when the payload is valid JSON bytes', () => {
    const result = parse(Subjects.MarketSnapshot, encode(snapshot()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.event.outcomes[0].price).toBe(0.42);
  });

  it('should name every bad field with its value when the payload is invalid', () => {
    const bad = { ...snapshot(), volume24h: -1, marketId: '' };
    const result = parse(Subjects.MarketSnapshot, JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.error.problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(['volume24h', 'marketId']));
      expect(result.error.message).toContain('volume24h');
      expect(result.error.message).toContain('got -1');
    }
  });

  it('should report nested paths when an array element is invalid', () => {
    const bad = snapshot();
    (bad.outcomes[0] as { price: unknown }).price = 'high';
    const result = parse(Subjects.MarketSnapshot, JSON.stringify(bad));
    expect(!result.ok && result.error.problems.some((p) => p.path === 'outcomes.0.price')).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['text', 'hello'],
    ['array', '[1,2]'],
    ['invalid utf-8', new Uint8Array([0xff, 0xfe, 0x7b])],
  ])('should fail without throwing when the payload is %s', (_name, bytes) => {
    const result = parse(Subjects.MarketSnapshot, bytes);
    expect(result.ok).toBe(false);
  });

  it('should reject an unsupported schema version', () => {
    const result = parse(Subjects.MarketSnapshot, JSON.stringify({ ...snapshot(), v: 99 }));
    expect(!result.ok && result.error.problems.some((p) => p.path === 'v')).toBe(true);
  });

  it('should reject a subject without a contract', () => {
    expect(parse('nope.nothing', '{}').ok).toBe(false);
  });

  it('should parse heartbeats on any service subject', () => {
    const hb = {
      ...envelope('risk'), service: 'risk', state: 'running', version: '0.1.0', uptimeS: 3,
      intervalMs: 2000, pid: 1, rssBytes: 1, kill: null, lastCycle: null,
    };
    expect(parse(heartbeatSubject('risk'), JSON.stringify(hb)).ok).toBe(true);
    expect(parse(heartbeatSubject('risk'), JSON.stringify({ ...hb, eventLoopLagMs: 1.5 })).ok).toBe(true);
    expect(parse(heartbeatSubject('risk'), JSON.stringify({ ...hb, eventLoopLagMs: -1 })).ok).toBe(false);
  });

  it('should parse metrics reports (NaN as null) and name a bad family type', () => {
    const report = (type: string) => ({
      ...envelope('risk'), service: 'risk', intervalMs: 10000,
      families: [{ name: 'polytrader_x_total', help: 'x', type, values: [{ labels: { api: 'gamma' }, value: 1 }, { labels: {}, value: null }] }],
    });
    expect(parse(metricsSubject('risk'), JSON.stringify(report('counter'))).ok).toBe(true);
    const bad = parse(metricsSubject('risk'), JSON.stringify(report('bogus')));
    expect(!bad.ok && bad.error.problems.map((p) => p.path)).toEqual(['families.0.type']);
  });

  describe('limits (checked before anything walks the payload)', () => {
    const signal = () => ({
      ...envelope('signals'), marketId: 'm1', outcome: 'Yes', tokenId: 't1', side: 'BUY', price: 0.4,
      strength: 'STRONG', confidence: 0.7, size: 10, reasons: ['edge'],
    });
    const problemsOf = (result: ReturnType<typeof parse>) => (result.ok ? [] : result.error.problems);
    const expectSmall = (result: ReturnType<typeof parse>) => {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message.length).toBeLessThan(1000);
        for (const p of result.error.problems) expect(describeValue(p.value).length).toBeLessThanOrEqual(120);
      }
    };

    it('should parse a valid signal.generated event', () => {
      const result = parse(Subjects.SignalGenerated, encode(signal()));
      expect(result.ok).toBe(true);
    });

    it('should reject a 10,000-level nested array without throwing, naming the depth', () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const payload = JSON.stringify(signal()).replace('"reasons":["edge"]', `"reasons":${deep}`);
      for (const bytes of [payload, Buffer.from(payload)]) {
        let result: ReturnType<typeof parse> | undefined;
        expect(() => { result = parse(Subjects.SignalGenerated, bytes); }).not.toThrow();
        const problems = problemsOf(result!);
        expect(problems).toHaveLength(1);
        expect(problems[0].message).toContain('depth 10001');
        expect(problems[0].message).toContain(`MAX_PAYLOAD_DEPTH = ${MAX_PAYLOAD_DEPTH}`);
        expectSmall(result!);
      }
    });

    it('should reject a bare deeply nested array on the subject', () => {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const result = parse(Subjects.SignalGenerated, deep);
      expect(problemsOf(result)[0].message).toContain('depth 50000');
      expectSmall(result);
    });

    it('should accept nesting up to the depth limit', () => {
      // depth counts the top-level object: reasons array at depth 2
      const nested = { ...signal(), extra: JSON.parse('['.repeat(MAX_PAYLOAD_DEPTH - 1) + ']'.repeat(MAX_PAYLOAD_DEPTH - 1)) };
      const result = parse(Subjects.SignalGenerated, JSON.stringify(nested));
      expect(problemsOf(result).some((p) => p.message.includes('nested too deep'))).toBe(false);
    });

    it('should ignore brackets inside strings when measuring depth', () => {
      const result = parse(Subjects.SignalGenerated, JSON.stringify({ ...signal(), reasons: ['['.repeat(1000) + '{'.repeat(1000)] }));
      expect(result.ok).toBe(true);
    });

    it('should reject an oversize payload by its byte count, before decoding', () => {
      const big = JSON.stringify({ ...signal(), reasons: Array.from({ length: 20_000 }, () => 'x'.repeat(60)) });
      expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_PAYLOAD_BYTES);
      for (const bytes of [big, Buffer.from(big)]) {
        const result = parse(Subjects.SignalGenerated, bytes);
        const problems = problemsOf(result);
        expect(problems[0].message).toContain(`${Buffer.byteLength(big)} bytes`);
        expect(problems[0].message).toContain('MAX_PAYLOAD_BYTES');
        expectSmall(result);
      }
      // invalid UTF-8 past the limit is still reported as too large: bytes are counted first
      const junk = new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0xff);
      expect(problemsOf(parse(Subjects.SignalGenerated, junk))[0].message).toContain('too large');
    });

    it('should reject an overlong string, counting escapes as one character', () => {
      const long = 'y'.repeat(MAX_STRING_LENGTH + 1);
      const result = parse(Subjects.SignalGenerated, JSON.stringify({ ...signal(), reasons: [long] }));
      const problems = problemsOf(result);
      expect(problems[0].message).toContain(`${MAX_STRING_LENGTH + 1} characters`);
      expect(problems[0].message).toContain('MAX_STRING_LENGTH');
      expectSmall(result);
      const escaped = JSON.stringify({ ...signal(), reasons: ['\n'.repeat(MAX_STRING_LENGTH)] });
      expect(parse(Subjects.SignalGenerated, escaped).ok).toBe(true);
    });

    it.each([
      ['invalid utf-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
      ['binary', Uint8Array.from({ length: 4096 }, (_v, i) => (i * 131) % 256)],
      ['truncated JSON', Buffer.from('{"a":[1,2')],
      ['unbalanced closers', Buffer.from(']]]]}}}}')],
    ])('should fail without throwing on %s', (_name, bytes) => {
      const result = parse(Subjects.SignalGenerated, bytes);
      expectSmall(result);
    });

    it.each([
      ['__proto__', '{"__proto__":{"polluted":true}}'],
      ['escaped __proto__', '{"\\u005f_proto__":{"polluted":true}}'],
      ['nested __proto__', '{"x":{"__proto__":{"polluted":true}}}'],
      ['constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'],
    ])('should reject %s keys without polluting any prototype', (_name, fragment) => {
      const payload = JSON.stringify(signal()).replace(/}$/, `,"extra":${fragment}}`);
      const result = parse(Subjects.SignalGenerated, payload);
      expect(result.ok).toBe(false);
      expect(problemsOf(result)[0].message).toContain('forbidden key');
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined();
      const top = `{"__proto__":{"polluted":true},${JSON.stringify(signal()).slice(1)}`;
      expect(parse(Subjects.SignalGenerated, top).ok).toBe(false);
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    });

    it('should keep problem values and messages short for huge invalid fields', () => {
      const result = parse(Subjects.SignalGenerated, JSON.stringify({ ...signal(), price: Array.from({ length: 50_000 }, (_v, i) => i) }));
      expect(problemsOf(result).some((p) => p.path === 'price')).toBe(true);
      expectSmall(result);
    });

    it('should describe deep and cyclic values briefly', () => {
      let deep: unknown[] = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(describeValue(deep).length).toBeLessThanOrEqual(120);
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = cyclic;
      expect(describeValue(cyclic).length).toBeLessThanOrEqual(120);
      expect(describeValue(-1)).toBe('-1');
      expect(describeValue('x'.repeat(10_000)).length).toBe(120);
    });
  });
});
