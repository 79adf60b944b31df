import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, from, lastValueFrom } from 'rxjs';
import { GatewayReader } from './gateway-reader';

/**
 * Identical GETs (same path and query) arriving while one is being answered get its answer: the
 * dashboards poll the same pages, and each query they would run keeps a read snapshot open on risk's
 * database. Nothing is kept once answered. Runs after the auth guard and the validation pipe, so only
 * an accepted request is ever answered from it.
 */
@Injectable()
export class SharedReadInterceptor implements NestInterceptor {
  constructor(private readonly reader: GatewayReader) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method !== 'GET') return next.handle();
    return from(this.reader.share(`GET ${req.originalUrl}`, () => lastValueFrom(next.handle())));
  }
}
