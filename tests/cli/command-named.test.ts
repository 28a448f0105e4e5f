/** The command a command line names, as the entry reads it before the program has loaded. */
import { describe, expect, it } from 'vitest';
import { commandNamed } from '../../src/cli/command-named.js';

describe('commandNamed', () => {
  it('is the first word that is neither an option nor the value of --db', () => {
    expect(commandNamed(['query', 'select 1'])).toBe('query');
    expect(commandNamed(['--db', 'query', 'status'])).toBe('status');
    expect(commandNamed(['--db=data/x.db', 'query', '--csv', 'select 1'])).toBe('query');
    expect(commandNamed(['-V'])).toBeUndefined();
    expect(commandNamed([])).toBeUndefined();
  });
});
