import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { GATEWAY_SERVICE } from './gateway.service';

void bootstrapService({
  ...GATEWAY_SERVICE,
  controlLedger: openControlLedger,
  http: async (app, runtime) => {
    const { port, host } = runtime.config.gateway;
    await app.listen(port, host);
    runtime.logger.info({ metrics: { port, host } }, `gateway listening on http://${host}:${port}`);
  },
});
