import { FEED_ROWS, merged, prepend } from './model';

interface Row { id: string; ts: string }
const key = (r: Row) => r.id;
const ts = (r: Row) => r.ts;

describe('feeds', () => {
  it('should keep live rows a REST reload does not have, take the REST version of the others, newest first', () => {
    const live = [{ id: 'bus-only', ts: '2026-12-07T10:05:00Z' }, { id: 'a', ts: 'stale' }];
    const rest = [{ id: 'a', ts: '2026-12-07T10:04:00Z' }, { id: 'b', ts: '2026-12-07T10:06:00Z' }];
    expect(merged(rest, live, key, ts).map((r) => r.id)).toEqual(['b', 'bus-only', 'a']);
    expect(merged(rest, undefined, key, ts)).toHaveLength(2);
  });

  it('should put a streamed row first once, replacing a row with its key, and keep FEED_ROWS rows', () => {
    let feed: Row[] | undefined;
    for (let i = 0; i < FEED_ROWS + 5; i++) feed = prepend(feed, { id: String(i), ts: '' }, key);
    feed = prepend(feed, { id: String(FEED_ROWS + 4), ts: 'again' }, key);
    expect(feed).toHaveLength(FEED_ROWS);
    expect(feed[0]).toEqual({ id: String(FEED_ROWS + 4), ts: 'again' });
    expect(feed.filter((r) => r.id === String(FEED_ROWS + 4))).toHaveLength(1);
  });
});
