import { jsonBody } from '../http/body';
import { QueryError } from '../http/query';
import { json, RouteDef, SimResponse } from '../http/types';
import { midStr, priceStr, quote } from '../quote';
import { SimMarket, World } from '../world';
import { buildBook, dropBookFields } from './book';
import { priceHistory } from './history';

export const CLOB_MAX_BATCH = 500;
const INVALID_TOKEN = { error: 'Invalid token id' };
const NO_BOOK = { error: 'No orderbook exists for the requested token id' };

type Lookup = { market: SimMarket; outcome: 0 | 1 } | SimResponse;

/** Missing / non-numeric token → 400 "Invalid token id" (recorded); unknown token → 404. */
function lookup(world: World, tokenId: string | null | undefined): Lookup {
  if (!tokenId || !/^\d+$/.test(tokenId)) return json(400, INVALID_TOKEN);
  return world.byToken(tokenId) ?? json(404, NO_BOOK);
}

const isResponse = (x: Lookup): x is SimResponse => 'status' in x;

/** A POST body `[{"token_id": "...", "side"?: "BUY"}]` of at most 500 entries. */
function batch(body: unknown): { token_id: string; side?: string }[] | SimResponse {
  if (!Array.isArray(body) || body.some((x) => typeof x !== 'object' || x === null || typeof (x as { token_id?: unknown }).token_id !== 'string')) {
    return json(400, { error: 'Invalid payload: expected [{"token_id": "..."}]' });
  }
  if (body.length > CLOB_MAX_BATCH) return json(400, { error: `Too many items: ${body.length} > ${CLOB_MAX_BATCH}` });
  return body as { token_id: string; side?: string }[];
}

function sidePrice(world: World, market: SimMarket, outcome: 0 | 1, side: string, k: number): string | null {
  const q = quote(world, market, k, outcome);
  if (side === 'BUY') return priceStr(q.bid, q.ticks);
  if (side === 'SELL') return priceStr(q.ask, q.ticks);
  return null;
}

/**
 * CLOB routes. MISSING_FIELDS: /book and every even-position book of /books lose `bids` and get
 * ask prices "abc"; /midpoint answers `{}`; /price answers `{"price":"abc"}`; /midpoints and
 * /prices answer "abc" values; /prices-history points at even positions lose `p`; /markets/:id
 * loses `tokens`.
 */
export function clobRoutes(world: World): RouteDef[] {
  const k = () => world.clock.current();
  return [
    {
      api: 'clob', method: 'GET', pattern: /^\/clob\/book$/, name: 'clob.book',
      handler: (req, ctx) => {
        const found = lookup(world, req.query.get('token_id'));
        if (isResponse(found)) return found;
        const book = buildBook(world, found.market, found.outcome, k(), ctx.now);
        return json(200, ctx.missingFields ? dropBookFields(book) : book);
      },
    },
    {
      api: 'clob', method: 'POST', pattern: /^\/clob\/books$/, name: 'clob.books',
      handler: (req, ctx) => {
        const items = batch(jsonBody(req));
        if (!Array.isArray(items)) return items;
        const kk = k();
        // unknown token ids are left out of the answer, as the books that do not exist
        const books = items.map((x) => world.byToken(x.token_id)).filter((x) => x !== undefined)
          .map((x, i) => {
            const b = buildBook(world, x.market, x.outcome, kk, ctx.now);
            return ctx.missingFields && i % 2 === 0 ? dropBookFields(b) : b;
          });
        return json(200, books);
      },
    },
    {
      api: 'clob', method: 'GET', pattern: /^\/clob\/midpoint$/, name: 'clob.midpoint',
      handler: (req, ctx) => {
        const found = lookup(world, req.query.get('token_id'));
        if (isResponse(found)) return found;
        return json(200, ctx.missingFields ? {} : { mid: midStr(quote(world, found.market, k(), found.outcome)) });
      },
    },
    {
      api: 'clob', method: 'POST', pattern: /^\/clob\/midpoints$/, name: 'clob.midpoints',
      handler: (req, ctx) => {
        const items = batch(jsonBody(req));
        if (!Array.isArray(items)) return items;
        const out: Record<string, string> = {};
        for (const x of items) {
          const f = world.byToken(x.token_id);
          if (f) out[x.token_id] = ctx.missingFields ? 'abc' : midStr(quote(world, f.market, k(), f.outcome));
        }
        return json(200, out);
      },
    },
    {
      api: 'clob', method: 'GET', pattern: /^\/clob\/price$/, name: 'clob.price',
      handler: (req, ctx) => {
        const found = lookup(world, req.query.get('token_id'));
        if (isResponse(found)) return found;
        const price = sidePrice(world, found.market, found.outcome, String(req.query.get('side') ?? '').toUpperCase(), k());
        if (price === null) return json(400, { error: 'Invalid side' });
        return json(200, { price: ctx.missingFields ? 'abc' : price });
      },
    },
    {
      api: 'clob', method: 'POST', pattern: /^\/clob\/prices$/, name: 'clob.prices',
      handler: (req, ctx) => {
        const items = batch(jsonBody(req));
        if (!Array.isArray(items)) return items;
        const out: Record<string, Record<string, string>> = {};
        for (const x of items) {
          const f = world.byToken(x.token_id);
          const side = String(x.side ?? '').toUpperCase();
          const price = f ? sidePrice(world, f.market, f.outcome, side, k()) : null;
          if (f && price !== null) out[x.token_id] = { ...(out[x.token_id] ?? {}), [side]: ctx.missingFields ? 'abc' : price };
        }
        return json(200, out);
      },
    },
    {
      api: 'clob', method: 'GET', pattern: /^\/clob\/prices-history$/, name: 'clob.prices-history',
      handler: (req, ctx) => {
        const token = req.query.get('market');
        if (!token || !/^\d+$/.test(token)) return json(400, INVALID_TOKEN);
        const found = world.byToken(token);
        if (!found) return json(200, { history: [] });
        try {
          let history = priceHistory(world, found.market, found.outcome, req.query, ctx.now);
          if (ctx.missingFields) history = history.map((p, i) => (i % 2 === 0 ? { t: p.t } : p));
          return json(200, { history });
        } catch (err) {
          if (err instanceof QueryError) return json(400, { error: err.message });
          throw err;
        }
      },
    },
    {
      api: 'clob', method: 'GET', pattern: /^\/clob\/markets\/(?<conditionId>0x[0-9a-fA-F]+)$/, name: 'clob.market',
      handler: (req, ctx) => {
        const m = world.byConditionId(req.params.conditionId);
        if (!m) return json(404, { error: 'market not found' });
        const out = clobMarket(world, m, k());
        if (ctx.missingFields) delete out.tokens;
        return json(200, out);
      },
    },
  ];
}

/** CLOB GET /markets/{condition_id}, shaped like clob/market_by_condition_id.json. */
function clobMarket(world: World, m: SimMarket, k: number): Record<string, unknown> {
  const price = (o: 0 | 1) => Number(midStr(quote(world, m, k, o)));
  return {
    enable_order_book: true, active: m.active, closed: m.closed, archived: false, accepting_orders: m.active,
    accepting_order_timestamp: new Date(m.startDateMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    minimum_order_size: 5, minimum_tick_size: 1 / m.ticks, condition_id: m.conditionId, question_id: m.questionId,
    question: m.question, description: m.description, market_slug: m.slug,
    end_date_iso: new Date(m.endDateMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), game_start_time: null, seconds_delay: 0,
    fpmm: '', maker_base_fee: 1000, taker_base_fee: 1000, notifications_enabled: true, neg_risk: false,
    neg_risk_market_id: '', neg_risk_request_id: '', icon: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${m.slug}.png`,
    image: `https://polymarket-upload.s3.us-east-2.amazonaws.com/${m.slug}.png`,
    rewards: { rates: null, min_size: 0, max_spread: 0 }, is_50_50_outcome: false,
    tokens: [
      { token_id: m.tokenIds[0], outcome: 'Yes', price: price(0), winner: false },
      { token_id: m.tokenIds[1], outcome: 'No', price: price(1), winner: false },
    ],
    tags: [m.sector.label],
  };
}
