import { parseGammaMarket } from './gamma-market.parser';

const base = () => ({
  id: '1', question: 'Q?', conditionId: '0xabc', slug: 'q', outcomes: '["Yes","No"]', outcomePrices: '["0.4","0.6"]',
  clobTokenIds: '["t1","t2"]', volume24hr: 10, liquidity: '250.5', active: true, closed: false, endDate: '2027-01-01T00:00:00Z',
  tags: [{ label: 'politics' }],
});

const reason = (raw: unknown) => {
  const r = parseGammaMarket(raw);
  return r.ok ? 'ok' : r.reason;
};

describe('parseGammaMarket()', () => {
  it('should read JSON-encoded lists and numbers sent as strings', () => {
    const r = parseGammaMarket(base());
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ outcomePrices: [0.4, 0.6], tokenIds: ['t1', 't2'], liquidity: 250.5, category: 'politics' }) });
  });

  it('should accept real arrays and numeric ids too', () => {
    expect(reason({ ...base(), id: 7, outcomes: ['Yes', 'No'], outcomePrices: [0.4, 0.6], clobTokenIds: ['a', 'b'] })).toBe('ok');
  });

  it.each([
    ['missing id', { id: undefined }, 'id: missing or empty, got nothing'],
    ['missing question', { question: '' }, 'question: missing or empty, got ""'],
    ['missing token ids', { clobTokenIds: undefined }, 'clobTokenIds: missing or not a list, got nothing'],
    ['unparsable JSON string', { outcomePrices: 'not json' }, 'outcomePrices: not a JSON array, got "not json"'],
    ['price not a number', { outcomePrices: '["abc","0.6"]' }, 'outcomePrices[0]: not a number, got "abc"'],
    ['lengths differ', { clobTokenIds: '["t1"]' }, 'outcomes/outcomePrices/clobTokenIds lengths differ: 2/2/1'],
    ['negative volume', { volume24hr: -3 }, 'volume24hr: must not be negative, got -3'],
    ['active not boolean', { active: 'yes' }, 'active: not a boolean, got "yes"'],
    ['not an object', null, 'market is not an object: null'],
  ])('should reject %s with the field and value named', (_name, patch, expected) => {
    expect(reason(patch === null ? null : { ...base(), ...patch })).toBe(expected);
  });

  it('should keep out-of-range prices for the quality checks to flag', () => {
    const r = parseGammaMarket({ ...base(), outcomePrices: '["1.4","-0.4"]' });
    expect(r.ok && r.value.outcomePrices).toEqual([1.4, -0.4]);
  });

  it('should leave unknown optional numbers null rather than invent zeros', () => {
    const r = parseGammaMarket({ ...base(), volume24hr: undefined, liquidity: undefined, endDate: 'someday' });
    expect(r.ok && [r.value.volume24h, r.value.liquidity, r.value.endDate]).toEqual([null, null, null]);
  });
});
