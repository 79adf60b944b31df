import { SentimentScores, scoreSentiment, sentimentLabel } from '@polytrader/quant';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface SentimentCommandOptions {
  /** the text to score (positional words joined by spaces) */
  readonly text?: string;
  /** score one text per line of this file ('-' = stdin) */
  readonly file?: string;
  readonly json?: boolean;
}

/** One human-readable line: the four numbers, the label, and (for --file) the text. */
export function formatScores(s: SentimentScores, text?: string): string {
  const f3 = (v: number) => v.toFixed(3);
  const line = `compound ${s.compound.toFixed(4).padStart(7)}  neg ${f3(s.neg)}  neu ${f3(s.neu)}  pos ${f3(s.pos)}  ${sentimentLabel(s.compound).padEnd(8)}`;
  return text === undefined ? line.trimEnd() : `${line}  ${text}`;
}

/** One JSON line: {neg, neu, pos, compound} (and the text with --file). */
export function jsonScores(s: SentimentScores, text?: string): string {
  const out: Record<string, unknown> = { neg: s.neg, neu: s.neu, pos: s.pos, compound: s.compound };
  if (text !== undefined) out.text = text;
  return JSON.stringify(out);
}

/**
 * `polytrader sentiment "text" [--json]` prints VADER's neg/neu/pos/compound of the text;
 * `--file F` scores every line of F (or stdin with `-`) and prints one line per input line, blank
 * lines included (they score 0), so the output lines up with the input.
 */
export async function sentiment(options: SentimentCommandOptions): Promise<number> {
  const print = options.json ? jsonScores : formatScores;
  if (options.file !== undefined) {
    if (options.text) {
      process.stderr.write('give either a text or --file, not both\n');
      return 2;
    }
    const input = options.file === '-' ? process.stdin : createReadStream(options.file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let batch: string[] = [];
    try {
      for await (const line of lines) {
        batch.push(print(scoreSentiment(line), line));
        if (batch.length >= 1000) {
          process.stdout.write(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
    } catch (err) {
      process.stderr.write(`cannot read ${options.file}: ${(err as Error).message}\n`);
      return 1;
    }
    if (batch.length) process.stdout.write(`${batch.join('\n')}\n`);
    return 0;
  }
  if (options.text === undefined || options.text === '') {
    process.stderr.write('usage: polytrader sentiment "text" [--json] | polytrader sentiment --file <path|-> [--json]\n');
    return 2;
  }
  process.stdout.write(`${print(scoreSentiment(options.text))}\n`);
  return 0;
}
