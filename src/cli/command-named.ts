/**
 * The command a command line names, read before the program is loaded: the bin picks the bundle
 * of that command by it, and `query` starts its child by it.
 */

/** The first word that is neither an option nor the value of --db (the one global option that takes a value). */
export function commandNamed(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--db') i++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}
