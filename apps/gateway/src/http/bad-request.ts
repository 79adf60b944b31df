import { BadRequestException } from '@nestjs/common';

/** A 400 shaped like the ValidationPipe's, for checks across fields (a range) that no decorator makes. */
export function badRequest(line: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: line, errors: [line] });
}

/** `from`/`to` with their defaults, refused (400 naming `from`) when empty, reversed or longer than maxDays. */
export function checkedRange(from: string | undefined, to: string | undefined, defaultDays: number, maxDays: number, nowMs: number): { from: string; to: string } {
  const toIso = new Date(to ?? nowMs).toISOString();
  const fromIso = new Date(from ?? Date.parse(toIso) - defaultDays * 86_400_000).toISOString();
  if (Date.parse(fromIso) >= Date.parse(toIso)) throw badRequest(`from: must be before to (${toIso}), got ${JSON.stringify(from ?? fromIso)}`);
  if (Date.parse(toIso) - Date.parse(fromIso) > maxDays * 86_400_000) throw badRequest(`from: at most ${maxDays} days before to, got ${JSON.stringify(from ?? fromIso)}`);
  return { from: fromIso, to: toIso };
}
