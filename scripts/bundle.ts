/**
 * `npm run build`, after tsc: the command line as one module per command (dist/bin), the way
 * `losstally` runs. Loading some 150 small modules one by one was half of a short command's
 * start-up; bundled, each command still loads only its own code (a chunk per command, shared
 * code in chunks of its own), now in a few files. better-sqlite3 stays a module of its own (it
 * is native), as does the browser test kit. The processes and threads the CLI starts (the query
 * runner, the orphan guard) are entries too, beside the chunks that find them by relative URL.
 */
import { build } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outdir = `${root}dist/bin`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts', 'src/analyst/query-runner.ts', 'src/analyst/orphan-guard-thread.ts'],
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'playwright-core', '@sparticuz/chromium'],
  // Bundled CommonJS packages (commander, csv-parse) call require for Node's own modules.
  banner: { js: 'import { createRequire as __losstallyCreateRequire } from "node:module"; const require = __losstallyCreateRequire(import.meta.url);' },
  logLevel: 'warning',
});
// The entry is the package's bin: `npx losstally` in the project runs it as a program.
chmodSync(`${outdir}/main.js`, 0o755);
