import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { dashboardStatic } from '../dashboard/dashboard-static';
import { apiValidationPipe } from './validation';

/**
 * The gateway's HTTP set-up, shared by main.ts and the tests: security headers with a strict
 * Content-Security-Policy (the dashboard loads nothing from elsewhere), validation of every query and
 * body, and the OpenAPI document at /api/docs built from the same DTOs.
 */
export function configureGatewayHttp(app: INestApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
          'form-action': ["'self'"],
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // the dashboard at / (open: the page asks for the token; its data is under /api, behind the guard)
  app.use(dashboardStatic());
  app.useGlobalPipes(apiValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle('polytrader gateway')
    .setDescription('Read the running system, pull the kill switch. Everything under /api but /api/session needs GATEWAY_TOKEN (bearer) or the session cookie.')
    .addBearerAuth()
    .addCookieAuth('polytrader_session')
    .build();
  // the docs page keeps its own relaxed CSP out of the dashboard's: swagger-ui needs inline scripts
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
