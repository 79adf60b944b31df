import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';

/** What a step log held when it was opened. */
export interface StepLogContents<T> {
  /** Every complete entry, oldest first. */
  readonly entries: T[];
  /** Bytes of a write torn by a crash (a last line without its newline, or that does not parse): dropped. */
  readonly droppedBytes: number;
}

/**
 * An append-only file of JSON lines: a write-ahead log whose append is ONE write(2) into the page cache —
 * the durability SQLite's WAL has with `synchronous = NORMAL` (it survives a crash of the process, not of
 * the machine), for one system call instead of a transaction's locks and page writes. One process owns a
 * log at a time. A line cut short by a crash is found on open and cut off; a failed append is cut off at
 * once, so the file only ever holds whole entries followed, at worst, by one torn one.
 */
export class StepLog<T> {
  private size: number;

  private constructor(
    readonly file: string,
    private fd: number | null,
    size: number,
  ) {
    this.size = size;
  }

  /** Opens (creates) the log and reads what it holds; a torn tail is cut off the file. */
  static open<T>(file: string): { log: StepLog<T>; contents: StepLogContents<T> } {
    const fd = openSync(file, 'a');
    try {
      const bytes = readFileSync(file);
      const { entries, validBytes } = parseEntries<T>(bytes);
      if (validBytes < bytes.length) ftruncateSync(fd, validBytes);
      return { log: new StepLog<T>(file, fd, validBytes), contents: { entries, droppedBytes: bytes.length - validBytes } };
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** Bytes in the log. */
  get bytes(): number {
    return this.size;
  }

  /** Appends one entry; when it returns, a crash of this process cannot lose it. Throws if it could not. */
  append(entry: T): void {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    const fd = this.openFd();
    let written = 0;
    try {
      while (written < line.length) written += writeSync(fd, line, written);
    } catch (err) {
      // a partial line would glue the next entry to it: cut the file back to its last whole entry
      try {
        ftruncateSync(fd, this.size);
      } catch {
        this.closeFd();
      }
      throw err;
    }
    this.size += line.length;
  }

  /** Empties the log (its entries are stored elsewhere now). */
  clear(): void {
    ftruncateSync(this.openFd(), 0);
    this.size = 0;
  }

  close(): void {
    this.closeFd();
  }

  private openFd(): number {
    if (this.fd === null) throw new Error(`step log ${this.file} is closed (or a failed append could not be cut off)`);
    return this.fd;
  }

  private closeFd(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}

/** The whole lines that parse, up to the first that does not (a torn write: it and anything after are dropped). */
function parseEntries<T>(bytes: Buffer): { entries: T[]; validBytes: number } {
  const entries: T[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end < 0) break;
    try {
      entries.push(JSON.parse(bytes.toString('utf8', start, end)) as T);
    } catch {
      break;
    }
    start = end + 1;
  }
  return { entries, validBytes: start };
}
