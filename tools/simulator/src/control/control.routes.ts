import { FaultBook, FaultSpecError } from '../faults';
import { jsonBody } from '../http/body';
import { intParam, QueryError } from '../http/query';
import { json, RouteDef } from '../http/types';
import { RequestLog } from '../request-log';
import { InjectedUpdate, TelegramState } from '../telegram/telegram.state';
import { SimMarket, World } from '../world';
import { queryForMarket } from '../x/query-match';

export interface SimMarketInfo {
  readonly id: string;
  readonly slug: string;
  readonly question: string;
  readonly sector: string;
  readonly eventId: string;
  readonly conditionId: string;
  readonly tokenIds: readonly [string, string];
  /** what X queries and news items use; see x/query-match.ts */
  readonly keywords: readonly string[];
  /** an X query matching exactly this market */
  readonly query: string;
}

export function marketInfo(world: World, m: SimMarket): SimMarketInfo {
  return {
    id: m.id, slug: m.slug, question: m.question, sector: m.sector.slug, eventId: world.events[m.eventIndex].id,
    conditionId: m.conditionId, tokenIds: m.tokenIds, keywords: m.keywords, query: queryForMarket(m),
  };
}

export interface ControlDeps {
  readonly world: World;
  readonly log: RequestLog;
  readonly faults: FaultBook;
  readonly telegram: TelegramState;
  readonly info: () => Record<string, unknown>;
}

/** Parses `{chat_id, text, from_id?}`; throws FaultSpecError-like messages as 400s. */
function parseInjected(raw: unknown): InjectedUpdate | string {
  if (typeof raw !== 'object' || raw === null) return 'body must be {"chat_id": number, "text": string, "from_id"?: number}';
  const r = raw as Record<string, unknown>;
  if (!Number.isSafeInteger(r.chat_id)) return 'chat_id: must be an integer';
  if (typeof r.text !== 'string') return 'text: must be a string';
  if (r.from_id !== undefined && !Number.isSafeInteger(r.from_id)) return 'from_id: must be an integer';
  return { chat_id: r.chat_id as number, text: r.text, from_id: r.from_id as number | undefined };
}

/** /__sim/… — never delayed or faulted; logged like everything else. */
export function controlRoutes(d: ControlDeps): RouteDef[] {
  return [
    { api: 'control', method: 'GET', pattern: /^\/__sim\/truth$/, name: '__sim.truth', handler: () => json(200, d.world.truth()) },
    { api: 'control', method: 'GET', pattern: /^\/__sim\/info$/, name: '__sim.info', handler: () => json(200, d.info()) },
    {
      api: 'control', method: 'GET', pattern: /^\/__sim\/markets$/, name: '__sim.markets',
      handler: () => json(200, d.world.markets.map((m) => marketInfo(d.world, m))),
    },
    {
      api: 'control', method: 'GET', pattern: /^\/__sim\/requests$/, name: '__sim.requests',
      handler: (req) => {
        try {
          return json(200, d.log.since(intParam(req.query, 'since', Number.NEGATIVE_INFINITY, Number.MIN_SAFE_INTEGER)));
        } catch (err) {
          if (err instanceof QueryError) return json(400, { error: err.message });
          throw err;
        }
      },
    },
    { api: 'control', method: 'GET', pattern: /^\/__sim\/faults$/, name: '__sim.faults', handler: () => json(200, d.faults.list()) },
    {
      api: 'control', method: 'POST', pattern: /^\/__sim\/faults$/, name: '__sim.faults',
      handler: (req) => {
        try {
          const body = jsonBody(req);
          d.faults.add(Array.isArray(body) ? body : [body as never]);
          return json(201, d.faults.list());
        } catch (err) {
          if (err instanceof FaultSpecError || (err as Error).name === 'BodyError') return json(400, { error: (err as Error).message });
          throw err;
        }
      },
    },
    {
      api: 'control', method: 'DELETE', pattern: /^\/__sim\/faults$/, name: '__sim.faults',
      handler: () => {
        d.faults.clear();
        return json(200, []);
      },
    },
    { api: 'control', method: 'GET', pattern: /^\/__sim\/telegram\/messages$/, name: '__sim.telegram.messages', handler: () => json(200, d.telegram.messages()) },
    {
      api: 'control', method: 'DELETE', pattern: /^\/__sim\/telegram\/messages$/, name: '__sim.telegram.messages',
      handler: () => {
        d.telegram.clear();
        return json(200, []);
      },
    },
    {
      api: 'control', method: 'POST', pattern: /^\/__sim\/telegram\/updates$/, name: '__sim.telegram.updates',
      handler: (req, ctx) => {
        const parsed = parseInjected(jsonBody(req));
        if (typeof parsed === 'string') return json(400, { error: parsed });
        return json(201, d.telegram.inject(parsed, ctx.now));
      },
    },
  ];
}
