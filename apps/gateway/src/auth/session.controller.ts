import { Body, Controller, HttpCode, Inject, Post, Res, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SECRETS, Secrets } from '@polytrader/platform';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Response } from 'express';
import { issueSession, sameText, sessionCookieHeader, SESSION_TTL_S } from './session-cookie';

export class SessionRequest {
  @ApiProperty({ description: 'GATEWAY_TOKEN' })
  // decorators run right to left: the type check first
  @MaxLength(1024) @MinLength(1) @IsString()
  token!: string;
}

@ApiTags('auth')
@Controller('api')
export class SessionController {
  constructor(@Inject(SECRETS) private readonly secrets: Secrets) {}

  /** Exchanges GATEWAY_TOKEN for an HttpOnly, SameSite=Strict session cookie (the dashboard's login). */
  @Post('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Exchange GATEWAY_TOKEN for a session cookie' })
  create(@Body() body: SessionRequest, @Res({ passthrough: true }) res: Response): void {
    const expected = this.secrets.gatewayToken;
    if (!expected) throw new ServiceUnavailableException('GATEWAY_TOKEN is not set: the API is disabled');
    if (!sameText(body.token, expected)) throw new UnauthorizedException('wrong token');
    res.setHeader('Set-Cookie', sessionCookieHeader(issueSession(expected, Date.now()), SESSION_TTL_S, res.req.secure));
  }
}
