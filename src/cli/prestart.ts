/**
 * The first module of the command line's bundle. For `losstally query` it starts the query's
 * child process at once, while the rest of the command line loads: the two Node start-ups then
 * overlap instead of following each other. Other commands start nothing here.
 */
import { commandNamed } from './command-named.js';

if (commandNamed(process.argv.slice(2)) === 'query') {
  // Not awaited: the program loads meanwhile. Should the start fail, the query starts its own child.
  import('../analyst/query.js').then(
    ({ prestartQueryRunner }) => prestartQueryRunner(),
    () => undefined,
  );
}
