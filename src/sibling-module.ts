/**
 * The URL of a module that runs in a process or thread of its own (the query runner, the orphan
 * guard), beside the module that starts it. Beside the command line's bundles, which are
 * CommonJS, it is built as CommonJS too (`.cjs`); compiled by tsc beside ES modules, it is `.js`.
 */
export function siblingModule(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.cjs') ? '.cjs' : '.js'}`, from);
}
