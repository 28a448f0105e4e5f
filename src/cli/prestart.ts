/**
 * The first module the command line evaluates. For `losstally query` it starts the query's
 * child process at once, before the rest of the command line has loaded: the two Node start-ups
 * then overlap instead of following each other.
 */
import { prestartQueryRunner } from '../analyst/query.js';

/** The command named on a command line: its first word that is neither an option nor the value of --db. */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--db') i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

if (commandNamed(process.argv.slice(2)) === 'query') prestartQueryRunner();
