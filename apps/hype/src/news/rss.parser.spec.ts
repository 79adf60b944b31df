import { FeedParseError, parseFeed } from './rss.parser';

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>News</title><link>https://n.example/</link>${items}</channel></rss>`;

describe('parseFeed()', () => {
  it('should read RSS 2.0 items: guid, title, link, date, plain summary, categories', async () => {
    const r = await parseFeed(rss(`
      <item><title>Bitcoin &amp; friends rally</title><link>https://n.example/1</link><guid isPermaLink="false">g-1</guid>
        <pubDate>Mon, 02 Mar 2026 10:05:00 GMT</pubDate><category>Crypto</category><category domain="x">Markets</category>
        <description>&lt;p&gt;An &lt;b&gt;excellent&lt;/b&gt; week&lt;/p&gt;</description></item>`));
    expect(r).toEqual({ rejected: [], items: [{
      key: 'g-1', title: 'Bitcoin & friends rally', link: 'https://n.example/1', publishedAt: '2026-03-02T10:05:00.000Z',
      summary: 'An excellent week', categories: ['Crypto', 'Markets'],
    }] });
  });

  it('should read Atom entries, keyed by id', async () => {
    const r = await parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <entry><title>Fed holds rates</title><id>urn:uuid:1</id><link href="https://a.example/1"/><updated>2026-03-02T09:00:00Z</updated><summary>Steady</summary></entry></feed>`);
    expect(r.items).toEqual([{ key: 'urn:uuid:1', title: 'Fed holds rates', link: 'https://a.example/1', publishedAt: '2026-03-02T09:00:00.000Z', summary: 'Steady', categories: [] }]);
  });

  it('should reject items without title or key alone and keep the rest; a bad date is null', async () => {
    const r = await parseFeed(rss(`
      <item><link>https://n.example/2</link><guid>g-2</guid></item>
      <item><title>No key at all</title></item>
      <item><title>Keyed by link</title><link>https://n.example/3</link><pubDate>yesterday-ish</pubDate></item>`));
    expect(r.rejected).toEqual(['item[0] g-2: title missing', 'item[1]: no guid, id or link to identify it ("No key at all")']);
    expect(r.items).toEqual([expect.objectContaining({ key: 'https://n.example/3', title: 'Keyed by link', publishedAt: null })]);
  });

  it('should refuse a document that is not a feed', async () => {
    for (const bad of ['<rss><channel><item><title>cut', 'not xml at all', '<html><body>hi</body></html>', '']) {
      await expect(parseFeed(bad)).rejects.toBeInstanceOf(FeedParseError);
    }
  });

  it('should strip control characters and cap long titles', async () => {
    const r = await parseFeed(rss(`<item><title>a\u0007b ${'x'.repeat(800)}</title><guid>g</guid></item>`));
    expect(r.items[0].title.startsWith('a b x')).toBe(true);
    expect(r.items[0].title.length).toBe(500);
  });
});
