import type { Simulator } from '../index';
import { FIXED_NOW, req, sim } from '../testing/kit';

interface Item { title: string; link: string; guid: string; pubDate: string; description: string }

function items(xml: string): Item[] {
  return [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => {
    const get = (tag: string) => new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(m[1])?.[1] ?? '';
    return { title: get('title'), link: get('link'), guid: get('guid'), pubDate: get('pubDate'), description: get('description') };
  });
}

describe('RSS feed', () => {
  let s: Simulator;
  beforeAll(async () => {
    s = await sim({ markets: 40 });
  });
  afterAll(() => s.close());

  it('should answer an RSS 2.0 document with the 50 latest items, newest first, none in the future', async () => {
    const r = await req(s.urls.rss);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    expect(r.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0">\n {2}<channel>/);
    expect(r.text.trimEnd().endsWith('</rss>')).toBe(true);
    const list = items(r.text);
    expect(list).toHaveLength(50);
    const times = list.map((i) => Date.parse(i.pubDate));
    expect(times.every((t) => Number.isFinite(t) && t <= FIXED_NOW)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(list.map((i) => i.guid)).size).toBe(50);
    for (const i of list) {
      expect(i.title).not.toBe('');
      expect(i.link).toMatch(/^https:\/\//);
      expect(i.description).not.toBe('');
    }
  });

  it('should mention market keywords in every item', async () => {
    const keywords = s.markets().map((m) => m.keywords[0]);
    for (const i of items((await req(s.urls.rss)).text)) {
      const text = `${i.title} ${i.description}`.toLowerCase();
      expect(keywords.some((k) => k.split(' ').every((w) => text.includes(w)))).toBe(true);
    }
  });

  it('should be identical across servers with the same seed and honour ?limit', async () => {
    const other = await sim({ markets: 40 });
    try {
      expect((await req(other.urls.rss)).text).toBe((await req(s.urls.rss)).text);
      expect(items((await req(`${s.urls.rss}?limit=5`)).text)).toHaveLength(5);
    } finally {
      await other.close();
    }
  });
});
