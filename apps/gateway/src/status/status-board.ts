// The status board moved to the platform so the notifier judges health exactly as the gateway does.
export { STALE_AFTER_INTERVALS, StatusBoard, isHealthy, statusOf, type ServiceStatus, type ServiceView, type SystemStatus } from '@polytrader/platform';
