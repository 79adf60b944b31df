import type Parser from 'rss-parser';

/** One RSS/Atom item reduced to what the hype service uses, every field checked. */
export interface ParsedNewsItem {
  /** dedup key: the guid (RSS) or id (Atom), else the link */
  readonly key: string;
  readonly title: string;
  /** '' when the item has none */
  readonly link: string;
  /** ISO; null when absent or unreadable */
  readonly publishedAt: string | null;
  /** plain-text summary (HTML stripped), at most SUMMARY_MAX characters */
  readonly summary: string;
  readonly categories: readonly string[];
}

export interface ParsedFeed {
  readonly items: ParsedNewsItem[];
  /** one reason per rejected item */
  readonly rejected: string[];
}

/** The document is not an RSS or Atom feed (cut, HTML, garbage). */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

const TITLE_MAX = 500;
const SUMMARY_MAX = 1000;
const KEY_MAX = 1000;
/** rss-parser (xml2js, sax, …) costs ~10 MB: loaded by the first feed, not by a service without feeds. */
let parser: Parser | undefined;
function rssParser(): Parser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parser ??= new (require('rss-parser') as typeof Parser)();
  return parser;
}

/**
 * Parses a fetched RSS 1/2 or Atom document with rss-parser. An item without a title or without any
 * key (guid, id, link) is rejected alone with the reason; a document that is not a feed throws
 * FeedParseError.
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await rssParser().parseString(xml);
  } catch (err) {
    throw new FeedParseError(`not an RSS/Atom feed: ${String((err as Error)?.message ?? err).split('\n')[0]}`, { cause: err });
  }
  const items: ParsedNewsItem[] = [];
  const rejected: string[] = [];
  (feed.items ?? []).forEach((raw, i) => {
    const r = parseItem(raw as Parser.Item & { id?: unknown }, i);
    if (typeof r === 'string') rejected.push(r);
    else items.push(r);
  });
  return { items, rejected };
}

function parseItem(raw: Parser.Item & { id?: unknown }, i: number): ParsedNewsItem | string {
  const title = clean(raw.title, TITLE_MAX);
  const link = typeof raw.link === 'string' ? raw.link.trim() : '';
  const key = clean(raw.guid, KEY_MAX) || clean(raw.id, KEY_MAX) || link.slice(0, KEY_MAX);
  if (!key) return `item[${i}]: no guid, id or link to identify it${title ? ` ("${title.slice(0, 60)}")` : ''}`;
  if (!title) return `item[${i}] ${key}: title missing`;
  const iso = raw.isoDate ?? raw.pubDate;
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return {
    key,
    title,
    link,
    publishedAt: Number.isFinite(t) ? new Date(t).toISOString() : null,
    summary: clean(raw.contentSnippet ?? stripHtml(raw.summary ?? raw.content), SUMMARY_MAX),
    categories: (raw.categories ?? []).map(categoryText).filter((c): c is string => !!c),
  };
}

/** rss-parser gives categories as strings, or as {_: text, $: attributes} when they carry attributes. */
function categoryText(c: unknown): string | null {
  if (typeof c === 'string') return clean(c, 100) || null;
  if (c && typeof c === 'object' && typeof (c as { _?: unknown })._ === 'string') return clean((c as { _: string })._, 100) || null;
  return null;
}

function stripHtml(v: unknown): string {
  return typeof v === 'string' ? v.replace(/<[^>]*>/g, ' ') : '';
}

/** Text without control characters and runs of blanks, at most `max` characters; '' for non-strings. */
function clean(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return v.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}
