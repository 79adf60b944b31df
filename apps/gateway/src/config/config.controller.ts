import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, SECRETS, Secrets, secretValues } from '@polytrader/platform';
import { ApiAuthGuard } from '../auth/api-auth.guard';
import { redactedConfig } from './redacted-config';

@ApiTags('system')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
@UseGuards(ApiAuthGuard)
export class ConfigController {
  constructor(
    private readonly config: AppConfig,
    @Inject(SECRETS) private readonly secrets: Secrets,
  ) {}

  /** The config in force (this gateway's copy), every secret redacted. */
  @Get('config')
  @ApiOperation({ summary: 'The config in force, secrets redacted' })
  get(): unknown {
    return redactedConfig(this.config, secretValues(this.secrets));
  }
}
