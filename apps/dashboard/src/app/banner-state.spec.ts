import type { SystemStatus } from './api-types';
import { bannerOf } from './banner-state';

const status = (state: 'running' | 'halted', kill: SystemStatus['kill'] = null) => ({ state, kill, services: {} }) as unknown as SystemStatus;

describe('bannerOf', () => {
  it('should say CONNECTING before the first services snapshot', () => {
    expect(bannerOf(null, undefined).kind).toBe('CONNECTING');
  });

  it('should say HALTED with the kill reason, source and time, whatever risk last said', () => {
    const kill = { reason: 'daily loss', source: 'risk', ts: '2026-12-07T10:00:00.000Z' };
    expect(bannerOf(status('halted', kill), { tradingState: 'ACTIVE', why: null })).toEqual({ kind: 'HALTED', ...kill });
  });

  it('should say REDUCE-ONLY with risk\'s why, HALTED when risk halted first, and RUNNING otherwise', () => {
    expect(bannerOf(status('running'), { tradingState: 'REDUCING', why: 'on command from cli: e2e' })).toMatchObject({ kind: 'REDUCE-ONLY', reason: 'on command from cli: e2e' });
    expect(bannerOf(status('running'), { tradingState: 'HALTED', why: 'x' }).kind).toBe('HALTED');
    expect(bannerOf(status('running'), { tradingState: 'ACTIVE', why: null }).kind).toBe('RUNNING');
    expect(bannerOf(status('running'), null).kind).toBe('RUNNING');
  });
});
