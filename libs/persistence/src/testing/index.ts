export { countOf, createTestDatabase, pgTestUrl, DEFAULT_PG_TEST_URL, type TestDatabase } from './test-database';
export { cycleBatch, type CycleBatchOptions } from './factories';
export { RISK_T0, riskDecision, riskOpenStep, riskOrder, riskPosition, riskState, riskTrade } from './risk-records';
export { holdSqliteLock, type HeldSqliteLock } from './sqlite-lock';
