import { parseBook } from './book.parser';

describe('parseBook()', () => {
  it('should compute best prices whatever the order of levels', () => {
    const r = parseBook({ asset_id: 't', bids: [{ price: '0.40', size: '5' }, { price: '0.42', size: '1' }], asks: [{ price: '0.45', size: 2 }, { price: '0.44', size: 3 }] });
    expect(r.ok && [r.value.bestBid, r.value.bestAsk, r.value.mid, r.value.spread, r.value.bidDepth]).toEqual([0.42, 0.44, 0.43, 0.02, 6]);
  });

  it('should summarise an empty book with nulls, not zeros', () => {
    const r = parseBook({ asset_id: 't', bids: [], asks: [] });
    expect(r.ok && [r.value.bestBid, r.value.bestAsk, r.value.mid, r.value.bidDepth]).toEqual([null, null, null, 0]);
  });

  it('should reject a book with a level that is not a number', () => {
    expect(parseBook({ asset_id: 't', bids: [{ price: 'abc', size: '1' }] })).toEqual({ ok: false, reason: 'token t: bids[0].price: not a number, got "abc"' });
  });

  it('should cap the stored levels', () => {
    const bids = Array.from({ length: 30 }, (_, i) => ({ price: String(i / 100), size: '1' }));
    const r = parseBook({ asset_id: 't', bids, asks: [] }, 5);
    expect(r.ok && r.value.bids.map((l) => l[0])).toEqual([0.29, 0.28, 0.27, 0.26, 0.25]);
  });
});
