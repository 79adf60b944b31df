/**
 * @polytrader/simulator — a local fake of every outside API polytrader talks to (Polymarket Gamma
 * and CLOB, X API v2, an RSS feed, the Telegram Bot API), with deterministic data per seed, a
 * known ground truth (which markets' prices follow hype, at which lag), latency and fault
 * injection, and a request log. Start it with `startSimulator()`; control it from another process
 * over /__sim/… (truth, requests, faults, telegram).
 */
export { startSimulator } from './server';
export type { Simulator, SimulatorOptions, SimulatorUrls } from './server';
export type { GroundTruth, GroundTruthEntry } from './world';
export { ROUTE_NAMES, FaultSpecError, parseFaultSpec, routeMatches } from './faults';
export type { FaultKind, FaultSpec, RouteName } from './faults';
export type { RequestLogEntry } from './request-log';
export type { InjectedUpdate, SentMessage, Update as TelegramUpdate } from './telegram/telegram.state';
export type { SimMarketInfo } from './control/control.routes';
export { queryForMarket, queryTerms } from './x/query-match';
export { INTERVAL_MS } from './clock';
/** mulberry32 with uniform/normal/poisson helpers: seeded data for tests and benches */
export { Rng } from './random';
