import { CanActivate, ExecutionContext, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { SECRETS, Secrets } from '@polytrader/platform';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Control endpoints need `Authorization: Bearer $GATEWAY_TOKEN`. With no token configured
 * they are closed (503), never open by default.
 */
@Injectable()
export class GatewayTokenGuard implements CanActivate {
  constructor(@Inject(SECRETS) private readonly secrets: Secrets) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.secrets.gatewayToken;
    if (!expected) throw new ServiceUnavailableException('GATEWAY_TOKEN is not set: control endpoints are disabled');
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !sameSecret(match[1].trim(), expected)) {
      throw new UnauthorizedException('missing or wrong bearer token');
    }
    return true;
  }
}

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
