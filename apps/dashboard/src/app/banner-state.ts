import type { SystemStatus, TradingStateBody } from './api-types';

export type BannerKind = 'RUNNING' | 'REDUCE-ONLY' | 'HALTED' | 'CONNECTING';

export interface BannerView {
  readonly kind: BannerKind;
  readonly reason: string | null;
  readonly source: string | null;
  readonly ts: string | null;
}

/**
 * The banner from the kill state (services) and risk's trading state. The kill switch wins: a halted
 * system is HALTED whatever risk last said; risk's own HALTED (it halts before its heartbeat says so)
 * counts too. REDUCING is shown as REDUCE-ONLY, with risk's why.
 */
export function bannerOf(services: SystemStatus | null, trading: TradingStateBody['trading'] | undefined): BannerView {
  if (!services) return { kind: 'CONNECTING', reason: null, source: null, ts: null };
  if (services.state === 'halted') {
    const k = services.kill;
    return { kind: 'HALTED', reason: k?.reason ?? null, source: k?.source ?? null, ts: k?.ts ?? null };
  }
  if (trading?.tradingState === 'HALTED') return { kind: 'HALTED', reason: trading.why, source: 'risk', ts: null };
  if (trading?.tradingState === 'REDUCING') return { kind: 'REDUCE-ONLY', reason: trading.why, source: 'risk', ts: null };
  return { kind: 'RUNNING', reason: null, source: null, ts: null };
}
