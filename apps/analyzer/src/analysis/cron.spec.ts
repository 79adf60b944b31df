import { missedRun, nextCronTime, previousCronTime } from './cron';

describe('nextCronTime', () => {
  it('should give the next cron time strictly after now, in UTC', () => {
    const now = Date.parse('2025-03-10T02:59:59.000Z');
    expect(new Date(nextCronTime('0 3 * * *', now)).toISOString()).toBe('2025-03-10T03:00:00.000Z');
    expect(new Date(nextCronTime('0 3 * * *', Date.parse('2025-03-10T03:00:00.000Z'))).toISOString()).toBe('2025-03-11T03:00:00.000Z');
    expect(new Date(nextCronTime('*/15 * * * *', Date.parse('2025-03-10T10:07:00.000Z'))).toISOString()).toBe('2025-03-10T10:15:00.000Z');
  });

  it('should name the setting and the expression when it does not parse', () => {
    expect(() => nextCronTime('99 3 * * *', 0)).toThrow(/^analysis\.schedule: invalid cron expression "99 3 \* \* \*"/);
  });
});

describe('previousCronTime / missedRun', () => {
  const at = (iso: string) => Date.parse(iso);

  it('should give the newest cron time at or before now', () => {
    expect(new Date(previousCronTime('0 3 * * *', at('2025-03-10T02:59:59.000Z'))).toISOString()).toBe('2025-03-09T03:00:00.000Z');
    expect(new Date(previousCronTime('0 3 * * *', at('2025-03-10T03:00:00.000Z'))).toISOString()).toBe('2025-03-10T03:00:00.000Z');
    expect(() => previousCronTime('nope', 0)).toThrow(/^analysis\.schedule: invalid cron expression "nope"/);
  });

  it('should call a run missed when none is stored or the newest is older than the last cron time', () => {
    const now = at('2025-03-10T09:00:00.000Z');
    expect(missedRun('0 3 * * *', null, now)).toBe(true);
    expect(missedRun('0 3 * * *', '2025-03-10T02:59:00.000Z', now)).toBe(true);
    expect(missedRun('0 3 * * *', '2025-03-10T03:00:05.000Z', now)).toBe(false);
    expect(missedRun('0 3 * * *', '2025-03-09T03:00:05.000Z', at('2025-03-10T02:00:00.000Z'))).toBe(false);
  });
});
