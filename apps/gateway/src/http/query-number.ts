import { Transform } from 'class-transformer';

/**
 * A query string is text: convert only what is a whole number, so that a 400 shows the value as sent
 * (`limit: must be an integer number, got "abc"`) rather than NaN.
 */
export const WholeNumber = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value));
