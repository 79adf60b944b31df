import { RunNowAnswer, RunNowOutcome, runNowSubject } from '@polytrader/contracts';
import type { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';

/**
 * Answers `system.run.<service>`: starts one run when `start` says it could (it returns 'started'
 * after kicking the run off without waiting for it), else says why not. Core request-reply on purpose:
 * a "run now" nobody was there to hear is not worth keeping; the caller sees no answer and says so.
 */
export function serveRunNow(nc: NatsConnection, service: string, start: () => RunNowOutcome, logger: Logger): Subscription {
  return nc.subscribe(runNowSubject(service), {
    callback: (_err, msg) => {
      try {
        const answer: RunNowAnswer = { service, outcome: start(), at: new Date().toISOString() };
        logger.info({ metrics: { outcome: answer.outcome } }, `run-now request: ${answer.outcome}`);
        msg.respond(Buffer.from(JSON.stringify(answer)));
      } catch (err) {
        logger.error({ err }, 'run-now request failed');
      }
    },
  });
}
