import { scoreSentiment } from '@polytrader/quant';
import { performance } from 'node:perf_hooks';

export interface SentimentBench {
  readonly texts: number;
  /** median of the timed runs */
  readonly textsPerSecond: number;
  /** lower-casing + splitting the same texts: the per-text floor, so the ratio shows VADER's own cost */
  readonly baselinePerSecond: number;
  readonly meanWords: number;
}

const SUBJECTS = ['Bitcoin', 'the Lakers', 'Gavin Newsom', 'Real Madrid', 'Ethereum', 'the Fed', 'OpenAI', 'Taylor Swift', 'the ECB', 'Solana'];
const PREDICATES = ['hit a new all-time high', 'win five straight games', 'announce a 2028 run', 'cut rates again', 'ship the next model', 'top the charts'];
const TONES = [
  'great news, love it', 'this is terrible', 'not bad at all', 'awful week honestly', 'LOL no way!!!', 'really excellent odds :)',
  'hmm, not sure about this', 'worst call ever', 'so happy right now 😁', 'meh', 'kind of good I guess', 'absolutely HUGE if true',
  'good, but the odds are bad 😡', 'never this cheap, kinda sux',
];

/** Short, unique, tweet-like texts (≈ 12–18 words), deterministic. */
export function shortTexts(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = SUBJECTS[i % SUBJECTS.length];
    const p = PREDICATES[(i * 7) % PREDICATES.length];
    const t = TONES[(i * 13) % TONES.length];
    out.push(i % 2 ? `Will ${s} ${p} by June ${(i % 28) + 1}? ${t} #market${i}` : `${t}: odds that ${s} ${p} (post ${i})`);
  }
  return out;
}

function rate(texts: readonly string[], fn: (t: string) => unknown): number {
  const t0 = performance.now();
  for (const t of texts) fn(t);
  return texts.length / ((performance.now() - t0) / 1000);
}

/** keeps the scored values alive so the JIT cannot drop the work */
export let checksum = 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** VADER throughput on `n` short texts (best of warm runs: median of `runs`), next to a trivial per-text pass. */
export function sentimentBench(n = 20_000, runs = 5): SentimentBench {
  const texts = shortTexts(n);
  let sink = 0;
  const vader = (t: string) => (sink += scoreSentiment(t).compound);
  const trivial = (t: string) => (sink += t.toLowerCase().split(/\s+/).length);
  rate(texts.slice(0, 2000), vader); // warm-up: JIT, lexicon
  rate(texts.slice(0, 2000), trivial);
  const v: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < runs; r++) {
    v.push(rate(texts, vader));
    b.push(rate(texts, trivial));
  }
  checksum = sink;
  const words = texts.reduce((s, t) => s + t.split(/\s+/).length, 0) / texts.length;
  return { texts: n, textsPerSecond: median(v), baselinePerSecond: median(b), meanWords: words };
}
