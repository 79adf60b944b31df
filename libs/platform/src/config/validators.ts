import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

/** A map of string keys to numbers within [min, max] — e.g. portfolio.sector_limits. */
export function IsNumberRecord(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNumberRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (a: ValidationArguments) => `must map names to numbers in [${min}, ${max}]${badEntry(a.value, min, max)}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) && Object.values(value).every((v) => typeof v === 'number' && v >= min && v <= max),
      },
    });
}

/** A map of string keys to non-empty string lists — e.g. hype.queries. */
export function IsStringListRecord(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringListRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must map market ids or slugs to lists of non-empty strings', ...options },
      validator: {
        validate: (value: unknown) =>
          isPlainObject(value) &&
          Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '')),
      },
    });
}

/** "HH:MM" 24-hour clock time. */
export function IsClockTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isClockTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a time of day as HH:MM (24 h)', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) },
    });
}

/** An IANA time zone name that this Node build knows. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as UTC or Europe/Paris', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !value) return false;
          try {
            new Intl.DateTimeFormat('en-US', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badEntry(value: unknown, min: number, max: number): string {
  if (!isPlainObject(value)) return '';
  const bad = Object.entries(value).find(([, v]) => typeof v !== 'number' || v < min || v > max);
  return bad ? ` (${bad[0]} is out of range)` : '';
}
