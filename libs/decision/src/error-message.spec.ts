import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('should give an Error its message, an error-like object of another realm its message, anything else as text', () => {
    expect(errorMessage(new Error('database is locked'))).toBe('database is locked');
    expect(errorMessage({ message: 'SQLITE_BUSY' })).toBe('SQLITE_BUSY');
    expect(errorMessage({ message: 42 })).toBe('[object Object]');
    expect(errorMessage('timeout')).toBe('timeout');
    expect(errorMessage(null)).toBe('null');
  });
});
