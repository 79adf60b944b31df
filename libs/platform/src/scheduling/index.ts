export { PeriodicJob, type PeriodicJobOptions } from './periodic-job';
export { CronError, calendarDay, nextCronTime, nextDailyTime, previousCronTime, startOfDay } from './clock';
export { serveRunNow } from './run-now';
