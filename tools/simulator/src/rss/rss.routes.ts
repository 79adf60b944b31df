import { intParam, QueryError } from '../http/query';
import { RouteDef } from '../http/types';
import { World } from '../world';
import { latestNews, NewsItem } from './news';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** MISSING_FIELDS (rss): items at even positions lose <title> and <pubDate>. */
function itemXml(item: NewsItem, missing: boolean): string {
  const lines = [
    missing ? null : `      <title>${esc(item.title)}</title>`,
    `      <link>${esc(item.link)}</link>`,
    `      <guid isPermaLink="false">${esc(item.guid)}</guid>`,
    missing ? null : `      <pubDate>${new Date(item.pubMs).toUTCString()}</pubDate>`,
    `      <category>${esc(item.market.sector.label)}</category>`,
    `      <description>${esc(item.description)}</description>`,
  ].filter((l): l is string => l !== null);
  return `    <item>\n${lines.join('\n')}\n    </item>`;
}

/** GET /rss/news.xml — RSS 2.0, the 50 latest items (`?limit=` 1..200). */
export function rssRoutes(world: World): RouteDef[] {
  return [{
    api: 'rss', method: 'GET', pattern: /^\/rss\/news\.xml$/, name: 'rss',
    handler: (req, ctx) => {
      let limit: number;
      try {
        limit = Math.min(200, intParam(req.query, 'limit', 50, 1));
      } catch (err) {
        if (err instanceof QueryError) return { status: 400, text: `${err.message}\n`, contentType: 'text/plain; charset=utf-8' };
        throw err;
      }
      const items = latestNews(world, ctx.now, limit);
      const xml = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0">',
        '  <channel>',
        '    <title>Polytrader simulated news</title>',
        '    <link>https://news.polytrader.sim/</link>',
        '    <description>Deterministic news about the simulated Polymarket markets</description>',
        '    <language>en-us</language>',
        `    <lastBuildDate>${new Date(items[0]?.pubMs ?? ctx.now).toUTCString()}</lastBuildDate>`,
        '    <ttl>15</ttl>',
        ...items.map((it, i) => itemXml(it, ctx.missingFields && i % 2 === 0)),
        '  </channel>',
        '</rss>',
        '',
      ].join('\n');
      return { status: 200, text: xml, contentType: 'application/rss+xml; charset=utf-8' };
    },
  }];
}
