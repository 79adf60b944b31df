export { PeriodicJob, type PeriodicJobOptions } from './periodic-job';
export { CronError, nextCronTime, nextDailyTime, previousCronTime, startOfDay } from './clock';
// pure date math that risk's decision code (libs/decision) needs too, so it lives in libs/quant; the notifier's summary day is the same one
export { calendarDay } from '@polytrader/quant';
export { serveRunNow } from './run-now';
