import { json, SimResponse } from '../http/types';

/** X's 400 for a bad parameter: `{errors:[{parameters, message}], title, detail, type}`. */
export function invalidRequest(param: string, value: string, message: string): SimResponse {
  return json(400, {
    errors: [{ parameters: { [param]: [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

export class XParamError extends Error {
  override readonly name = 'XParamError';

  constructor(readonly param: string, readonly value: string, message: string) {
    super(message);
  }
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Clients compute "now − 7 days" a little before the request lands; this much older is still accepted (clamped). */
const START_SLACK_MS = 5 * 60_000;

/** start_time / end_time of a recent endpoint: end defaults to now (later ends are clamped to now),
 *  start to end − 7 days; a start more than 7 days (+ 5 min of slack, clamped) back is refused as X does. */
export function timeRange(q: URLSearchParams, nowMs: number): { start: number; end: number } {
  const parse = (name: string): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    const ms = Date.parse(raw);
    if (!Number.isFinite(ms)) throw new XParamError(name, raw, `Invalid '${name}':'${raw}'. '${name}' must be a valid RFC3339 date.`);
    return ms;
  };
  const end = Math.min(parse('end_time') ?? nowMs, nowMs);
  let start = parse('start_time') ?? end - WEEK_MS;
  if (start < nowMs - WEEK_MS && start >= nowMs - WEEK_MS - START_SLACK_MS) start = nowMs - WEEK_MS;
  if (start < nowMs - WEEK_MS) {
    const min = new Date(nowMs - WEEK_MS).toISOString();
    throw new XParamError('start_time', q.get('start_time') ?? '', `Invalid 'start_time':'${q.get('start_time')}'. 'start_time' must be on or after ${min}`);
  }
  if (start >= end) throw new XParamError('start_time', q.get('start_time') ?? '', `Invalid 'start_time'. 'start_time' must be before 'end_time'`);
  return { start, end };
}
