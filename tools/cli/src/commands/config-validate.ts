import { ConfigError, loadConfig } from '@polytrader/platform';

/** `polytrader config validate [file]`: the start-up check, without starting anything. Exit 1 on errors. */
export function configValidate(file: string | undefined, out: NodeJS.WritableStream = process.stdout): number {
  try {
    const { file: used } = loadConfig({ path: file });
    out.write(`${used ?? '(defaults: no config file found)'}: OK\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    out.write(`${err.message}\n`);
    return 1;
  }
}
