import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { dashboardStatic } from '../dashboard/dashboard-static';
import { apiValidationPipe } from './validation';

/** What every page and answer gets: nothing from elsewhere, no inline script or style, no eval. */
const STRICT_CSP: Record<string, string[]> = {
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
};

/**
 * The Swagger UI page's HTML (the paths @nestjs/swagger serves it at). Its scripts are files (the init
 * script too), but its HTML carries two <style> blocks and a style attribute, and swagger-ui-bundle.js
 * inserts a <style> element: inline styles, never inline scripts. Only this page gets them.
 */
const DOCS_PAGES = new Set(['/api/docs', '/api/docs/', '/api/docs/index.html']);
const DOCS_PAGE_CSP: Record<string, string[]> = { ...STRICT_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

/**
 * The gateway's HTTP set-up, shared by main.ts and the tests: security headers with a strict
 * Content-Security-Policy (the dashboard loads nothing from elsewhere), validation of every query and
 * body, and the OpenAPI document at /api/docs built from the same DTOs.
 */
export function configureGatewayHttp(app: INestApplication): void {
  const headers = (directives: Record<string, string[]>) => helmet({ contentSecurityPolicy: { useDefaults: false, directives }, crossOriginEmbedderPolicy: false });
  const strict = headers(STRICT_CSP);
  const docsPage = headers(DOCS_PAGE_CSP);
  app.use((req: Request, res: Response, next: NextFunction) => (DOCS_PAGES.has(req.path) ? docsPage : strict)(req, res, next));
  // the dashboard at / (open: the page asks for the token; its data is under /api, behind the guard)
  app.use(dashboardStatic());
  app.useGlobalPipes(apiValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle('polytrader gateway')
    .setDescription('Read the running system, pull the kill switch. Everything under /api but /api/session needs GATEWAY_TOKEN (bearer) or the session cookie.')
    .addBearerAuth()
    .addCookieAuth('polytrader_session')
    .build();
  // the docs page's own CSP (DOCS_PAGE_CSP) allows inline styles there only; its scripts stay 'self'
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
