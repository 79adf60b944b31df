import { CanActivate, ExecutionContext, Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { SECRETS, Secrets } from '@polytrader/platform';
import type { Request } from 'express';
import { SESSION_COOKIE, cookieValue, sameText, sessionValid } from './session-cookie';

/**
 * Everything under /api (but the session exchange), the stream and /metrics need GATEWAY_TOKEN: as
 * `Authorization: Bearer <token>` (CLI, Prometheus) or the session cookie it was exchanged for (the
 * dashboard: a browser's EventSource cannot send headers). With no token configured they are closed
 * (503), never open by default.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(@Inject(SECRETS) private readonly secrets: Secrets) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const expected = this.secrets.gatewayToken;
    if (!expected) throw new ServiceUnavailableException('GATEWAY_TOKEN is not set: the API is disabled');
    if (requestAuthorized(req, expected, Date.now())) return true;
    throw new UnauthorizedException('missing or wrong bearer token or session cookie');
  }
}

export function requestAuthorized(req: Pick<Request, 'headers'>, token: string, nowMs: number): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (match) return sameText(match[1].trim(), token);
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  return cookie !== undefined && sessionValid(token, cookie, nowMs);
}
