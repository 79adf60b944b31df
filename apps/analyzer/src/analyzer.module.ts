import { Module } from '@nestjs/common';

/**
 * The analyzer service. Runs on the platform (config, logs, bus, heartbeat, kill switch) and
 * idles until its domain work lands; its halt hook registers here with KillSwitch.register().
 */
@Module({})
export class AnalyzerModule {}
