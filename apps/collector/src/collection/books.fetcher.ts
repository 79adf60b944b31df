import { ApiClient, chunk, mapLimit, ErrorTally } from '@polytrader/platform';
import type { Logger } from 'pino';
import { ParsedBook, parseBook } from '../clob/book.parser';

export interface BooksResult {
  readonly books: Map<string, ParsedBook>;
  readonly rejected: number;
}

/** Order books for every token via batched CLOB POST /books, a bounded number of batches in flight. */
export async function fetchBooks(
  clob: ApiClient, tokenIds: readonly string[], batchSize: number, concurrency: number,
  signal: AbortSignal, tally: ErrorTally, logger: Logger,
): Promise<BooksResult> {
  const books = new Map<string, ParsedBook>();
  let rejected = 0;
  const batches = chunk(tokenIds, batchSize);
  const results = await mapLimit(batches, concurrency, (batch) =>
    clob.postJson<unknown>('/books', batch.map((token_id) => ({ token_id })), signal), signal);
  signal.throwIfAborted();
  for (const r of results) {
    if (r.status === 'rejected') {
      tally.add('clob', r.reason);
      continue;
    }
    if (!Array.isArray(r.value.data)) {
      tally.add('clob', new Error('books answer is not a list'));
      continue;
    }
    for (const raw of r.value.data) {
      const parsed = parseBook(raw);
      if (parsed.ok) books.set(parsed.value.tokenId, parsed.value);
      else {
        rejected++;
        logger.warn({ metrics: { api: 'clob' } }, `book rejected: ${parsed.reason}`);
      }
    }
  }
  return { books, rejected };
}
