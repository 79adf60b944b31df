import { encode, envelope, parse } from './index';
import { Subjects, heartbeatSubject } from './subjects';

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
  });
});
