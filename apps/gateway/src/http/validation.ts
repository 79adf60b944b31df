import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One line per bad field: `limit: must not be greater than 500, got "9000"`. */
export function describeValidationErrors(errors: readonly ValidationError[], prefix = ''): string[] {
  const lines: string[] = [];
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      // class-validator starts each message with the property name; say it once, as the path
      const text = message.startsWith(`${e.property} `) ? message.slice(e.property.length + 1) : message;
      lines.push(`${path}: ${text}, got ${JSON.stringify(e.value) ?? 'undefined'}`);
    }
    if (e.children?.length) lines.push(...describeValidationErrors(e.children, path));
  }
  return lines;
}

/**
 * Every query and body: unknown fields refused, strings converted to the DTO's types, and a 400 whose
 * `errors` name each bad field and the value it had.
 */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    // one reason per field: "abc" is not an integer, not also "above 200" and "below 1"
    stopAtFirstError: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const lines = describeValidationErrors(errors);
      return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: lines.join('; '), errors: lines });
    },
  });
}
