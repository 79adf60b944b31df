import { boolParam, intParam, listParam, QueryError } from '../http/query';
import { json, RouteDef, SimResponse } from '../http/types';
import { World, SimMarket } from '../world';
import { toGammaEvent } from './event.mapper';
import { applyMissing, dropMarketFields, liveNumbers, toGammaMarket } from './market.mapper';

export const GAMMA_MAX_LIMIT = 500;
const NOT_FOUND = { type: 'not found error', error: 'id not found' };

const ORDER_KEYS: Record<string, (world: World, m: SimMarket, k: number) => number | string> = {
  id: (_w, m) => m.index,
  volumeNum: (w, m, k) => liveNumbers(w, m, k).volumeNum,
  volume: (w, m, k) => liveNumbers(w, m, k).volumeNum,
  volume24hr: (w, m, k) => liveNumbers(w, m, k).volume24hr,
  liquidityNum: (w, m, k) => liveNumbers(w, m, k).liquidityNum,
  liquidity: (w, m, k) => liveNumbers(w, m, k).liquidityNum,
  endDate: (_w, m) => m.endDateMs,
  startDate: (_w, m) => m.startDateMs,
  competitive: (_w, m) => m.competitive,
};

const badRequest = (err: QueryError): SimResponse => json(400, { type: 'bad request error', error: err.message });

function page<T>(q: URLSearchParams, items: readonly T[]): T[] {
  const limit = Math.min(GAMMA_MAX_LIMIT, intParam(q, 'limit', 20));
  const offset = intParam(q, 'offset', 0);
  return items.slice(offset, offset + limit);
}

/**
 * GET /gamma/markets — filters `id` (repeatable), `slug` (repeatable), `active`, `closed`,
 * `tag_id`; `order` (id, volumeNum, volume24hr, liquidityNum, endDate, startDate, competitive)
 * with `ascending` (default false); then `offset` and `limit` (default 20, at most 500).
 */
function listMarkets(world: World, q: URLSearchParams, k: number, now: number, missing: boolean): SimResponse {
  const ids = new Set(listParam(q, 'id'));
  const slugs = new Set(listParam(q, 'slug'));
  const active = boolParam(q, 'active');
  const closed = boolParam(q, 'closed');
  const tagId = q.get('tag_id');
  let selected = world.markets.filter((m) =>
    (ids.size === 0 || ids.has(m.id)) && (slugs.size === 0 || slugs.has(m.slug))
    && (active === undefined || m.active === active) && (closed === undefined || m.closed === closed)
    && (!tagId || m.sector.tagId === tagId));
  const order = q.get('order');
  if (order) {
    const key = ORDER_KEYS[order];
    if (!key) throw new QueryError('order', order, `order: unknown field "${order}"; use one of ${Object.keys(ORDER_KEYS).join(', ')}`);
    const asc = boolParam(q, 'ascending') ?? false;
    const keyed = selected.map((m) => ({ m, v: key(world, m, k) }));
    keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.m.index - b.m.index) * (asc ? 1 : -1));
    selected = keyed.map((x) => x.m);
  }
  let out = page(q, selected).map((m) => toGammaMarket(world, m, k, now));
  if (missing) out = applyMissing(out, dropMarketFields);
  return json(200, out);
}

/**
 * GET /gamma/events — `id` (repeatable), `active`, `closed`, `offset`, `limit`.
 * MISSING_FIELDS (events): an event at an even position loses `title`; in every event the
 * embedded markets at even positions are mutated as Gamma markets are (see market.mapper.ts).
 */
function listEvents(world: World, q: URLSearchParams, k: number, now: number, missing: boolean): SimResponse {
  const ids = new Set(listParam(q, 'id'));
  const active = boolParam(q, 'active');
  const closed = boolParam(q, 'closed');
  const selected = world.events.filter((e) => {
    const ms = e.marketIndexes.map((i) => world.markets[i]);
    const isActive = ms.some((m) => m.active);
    const isClosed = ms.every((m) => m.closed);
    return (ids.size === 0 || ids.has(e.id)) && (active === undefined || isActive === active) && (closed === undefined || isClosed === closed);
  });
  let out = page(q, selected).map((e) => toGammaEvent(world, e, k, now, missing));
  if (missing) out = applyMissing(out, ({ title: _t, ...rest }) => rest);
  return json(200, out);
}

export function gammaRoutes(world: World): RouteDef[] {
  const guard = (fn: () => SimResponse): SimResponse => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof QueryError) return badRequest(err);
      throw err;
    }
  };
  const k = () => world.clock.current();
  return [
    {
      api: 'gamma', method: 'GET', pattern: /^\/gamma\/markets$/, name: 'gamma.markets',
      handler: (req, ctx) => guard(() => listMarkets(world, req.query, k(), ctx.now, ctx.missingFields)),
    },
    {
      api: 'gamma', method: 'GET', pattern: /^\/gamma\/markets\/slug\/(?<slug>[^/]+)$/, name: 'gamma.market',
      handler: (req, ctx) => {
        const m = world.markets.find((x) => x.slug === decodeURIComponent(req.params.slug));
        if (!m) return json(404, NOT_FOUND);
        const out = toGammaMarket(world, m, k(), ctx.now, true);
        return json(200, ctx.missingFields ? dropMarketFields(out) : out);
      },
    },
    {
      api: 'gamma', method: 'GET', pattern: /^\/gamma\/markets\/(?<id>[^/]+)$/, name: 'gamma.market',
      handler: (req, ctx) => {
        const m = world.byId(decodeURIComponent(req.params.id));
        if (!m) return json(404, NOT_FOUND);
        const out = toGammaMarket(world, m, k(), ctx.now, true);
        return json(200, ctx.missingFields ? dropMarketFields(out) : out);
      },
    },
    {
      api: 'gamma', method: 'GET', pattern: /^\/gamma\/events$/, name: 'gamma.events',
      handler: (req, ctx) => guard(() => listEvents(world, req.query, k(), ctx.now, ctx.missingFields)),
    },
    {
      api: 'gamma', method: 'GET', pattern: /^\/gamma\/events\/(?<id>[^/]+)$/, name: 'gamma.event',
      handler: (req, ctx) => {
        const e = world.events.find((x) => x.id === req.params.id);
        if (!e) return json(404, NOT_FOUND);
        const out = toGammaEvent(world, e, k(), ctx.now, ctx.missingFields);
        if (ctx.missingFields) delete out.title;
        return json(200, out);
      },
    },
  ];
}
