/**
 * The first module the command line evaluates. For `losstally query` it starts the query's
 * child process at once, while the rest of the command line loads: the two Node start-ups then
 * overlap instead of following each other. Other commands load nothing of it.
 */

/** The command named on a command line: its first word that is neither an option nor the value of --db. */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--db') i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}

if (commandNamed(process.argv.slice(2)) === 'query') {
  // Not awaited: the program loads meanwhile. Should the start fail, the query starts its own child.
  import('../analyst/query.js').then(
    ({ prestartQueryRunner }) => prestartQueryRunner(),
    () => undefined,
  );
}
