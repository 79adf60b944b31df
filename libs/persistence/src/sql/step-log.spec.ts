import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StepLog } from './step-log';

describe('StepLog', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'step-log-'));
    file = join(dir, 'steps');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should give back every appended entry, in order, when opened again (also without a close: a crash)', () => {
    const { log, contents } = StepLog.open<{ n: number; s: string }>(file);
    expect(contents).toEqual({ entries: [], droppedBytes: 0 });
    log.append({ n: 1, s: 'a\nb' });
    log.append({ n: 2, s: 'é\u0000' });
    const again = StepLog.open<{ n: number; s: string }>(file);
    expect(again.contents).toEqual({ entries: [{ n: 1, s: 'a\nb' }, { n: 2, s: 'é\u0000' }], droppedBytes: 0 });
    expect(again.log.bytes).toBe(statSync(file).size);
    log.close();
    again.log.close();
  });

  it('should drop a last line torn by a crash and cut it off the file, so the next append starts a line of its own', () => {
    const { log } = StepLog.open<{ n: number }>(file);
    log.append({ n: 1 });
    log.close();
    const whole = statSync(file).size;
    appendFileSync(file, '{"n":2,"pad":"xx'); // the write a SIGKILL cut short
    const reopened = StepLog.open<{ n: number }>(file);
    expect(reopened.contents.entries).toEqual([{ n: 1 }]);
    expect(reopened.contents.droppedBytes).toBe(16);
    expect(statSync(file).size).toBe(whole);
    reopened.log.append({ n: 3 });
    reopened.log.close();
    expect(StepLog.open<{ n: number }>(file).contents.entries).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('should stop at a line that does not parse (and drop what follows): only a torn write makes one', () => {
    appendFileSync(file, '{"n":1}\n{"n":\n{"n":3}\n');
    const { contents, log } = StepLog.open<{ n: number }>(file);
    expect(contents.entries).toEqual([{ n: 1 }]);
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n');
    log.close();
  });

  it('should empty the file on clear() and refuse appends once closed', () => {
    const { log } = StepLog.open<{ n: number }>(file);
    log.append({ n: 1 });
    log.clear();
    expect(statSync(file).size).toBe(0);
    log.append({ n: 2 });
    expect(readFileSync(file, 'utf8')).toBe('{"n":2}\n');
    log.close();
    expect(() => log.append({ n: 3 })).toThrow(/step log .* is closed/);
  });
});
