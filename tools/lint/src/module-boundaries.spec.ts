import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The workspace's module boundaries, enforced on every `npm test`:
 * apps never import each other; contracts import nothing but validation; quant and decision stay pure.
 */
const ROOT = resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
}

const isProduction = (f: string) => !/\.(e2e-)?spec\.ts$/.test(f);
const APPS = readdirSync(join(ROOT, 'apps'));

describe('module boundaries', () => {
  it.each(APPS)('app %s should import no other app, reaching libs only by package name', (app) => {
    const appDir = join(ROOT, 'apps', app);
    for (const file of sources(join(appDir, 'src'))) {
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          expect({ file: relative(ROOT, file), spec, inside: target.startsWith(appDir) }).toEqual({ file: relative(ROOT, file), spec, inside: true });
        }
        expect(spec).not.toMatch(/apps\//);
      }
    }
  });

  it('contracts should import only validation libraries and node built-ins', () => {
    const allowed = /^(\.|class-validator$|class-transformer$|reflect-metadata$|node:)/;
    for (const file of sources(join(ROOT, 'libs/contracts/src')).filter(isProduction)) {
      for (const spec of imports(file)) expect({ file: relative(ROOT, file), spec, ok: allowed.test(spec) }).toEqual({ file: relative(ROOT, file), spec, ok: true });
    }
  });

  it('quant should stay pure: no Nest, no I/O, no other workspace lib', () => {
    const forbidden = /^(@nestjs|@polytrader|nats|pino|typeorm|node:(fs|net|http|https|child_process))/;
    for (const file of sources(join(ROOT, 'libs/quant/src')).filter(isProduction)) {
      for (const spec of imports(file)) expect({ file: relative(ROOT, file), spec, ok: !forbidden.test(spec) }).toEqual({ file: relative(ROOT, file), spec, ok: true });
    }
  });

  // The backtest calls the live decision code: it must load without Nest, the bus or a database, and decide at
  // the time it is given. Persistence gives it record types only (`import type`: erased, so TypeORM is never loaded).
  it('decision should stay pure: no Nest, bus, database or file I/O, persistence types only, no clock of its own', () => {
    const forbidden = /^(@nestjs|@polytrader\/(platform|simulator)|nats|pino|typeorm|pg|better-sqlite3|sqlite3|node:(fs|net|http|https|child_process))/;
    for (const file of sources(join(ROOT, 'libs/decision/src')).filter(isProduction)) {
      const at = relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file)) expect({ file: at, spec, ok: !forbidden.test(spec) }).toEqual({ file: at, spec, ok: true });
      const valueImports = [...text.matchAll(/(?:import|export)\s+(?!type\b)[^'";]*?from\s+['"]@polytrader\/persistence['"]/g)].map((m) => m[0]);
      expect({ file: at, valueImports }).toEqual({ file: at, valueImports: [] });
      const clockReads = [...text.matchAll(/Date\.now\(\)|new Date\(\)|performance\.now\(\)/g)].map((m) => m[0]);
      expect({ file: at, clockReads }).toEqual({ file: at, clockReads: [] });
    }
  });

  it('libs should never import apps or tools', () => {
    for (const file of sources(join(ROOT, 'libs'))) {
      for (const spec of imports(file)) expect({ file: relative(ROOT, file), spec }).not.toEqual({ file: relative(ROOT, file), spec: expect.stringMatching(/(apps|tools)\//) });
    }
  });
});
