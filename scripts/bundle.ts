/**
 * `npm run build`, after tsc: the command line the way `losstally` runs it (dist/bin), all of
 * it CommonJS, which Node loads faster than ES modules.
 *
 * - One bundle per command, `<command>-<hash>.cjs`: the program and that command's code only
 *   (the other commands' modules are left out), so a short command reads one file instead of
 *   some 150 modules. The hash of its content names it, which is what lets its V8 code cache be
 *   trusted (src/cli/code-cache.ts). `program-<hash>.cjs` holds no command's code: help, version
 *   and usage errors.
 * - `main.cjs`, the bin: it picks the bundle of the command named, from a table this build writes
 *   into it.
 * - `query-process.cjs`, the query child started ahead: a file of its own, which the bin and the
 *   query's bundle both require, so that both see the one child.
 * - The processes and threads the CLI starts (the query runner, the orphan guard), beside the
 *   bundles, which find them by relative URL (src/sibling-module.ts).
 *
 * better-sqlite3 stays a module of its own (it is native), as does the browser test kit.
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outdir = `${root}dist/bin`;
const EXTERNAL = ['better-sqlite3', 'playwright-core', '@sparticuz/chromium'];
const COMMAND_MODULE = /^\.\/commands\/([a-z-]+)\.js$/;

/** The commands, one module each in src/cli/commands. */
const commands = readdirSync(`${root}src/cli/commands`)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));

/**
 * Leaves every command's module but `command`'s out of a bundle. The bin picks the bundle by the
 * command it reads on the command line, so another command's module is never imported; were it
 * ever, the failure says so.
 */
function onlyCommand(command: string | null): Plugin {
  return {
    name: 'only-command',
    setup(builder) {
      builder.onResolve({ filter: COMMAND_MODULE }, (args) => {
        const name = COMMAND_MODULE.exec(args.path)?.[1] as string;
        return name === command ? undefined : { path: name, namespace: 'left-out-command' };
      });
      builder.onLoad({ filter: /.*/, namespace: 'left-out-command' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`the command line was loaded for ${command ?? 'no command'}, not for ${args.path}`)});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * commander loads node:child_process as it is loaded, for executable subcommands, which losstally
 * has none of: some 3 ms of every command's start-up. It gets the module when it first uses it.
 */
const commanderChildProcessOnUse: Plugin = {
  name: 'commander-child-process-on-use',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'on-use' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'on-use' }, () => ({
      contents: 'let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require("node:child_process"))[key] });',
      loader: 'js',
    }));
  },
};

/**
 * CommonJS has no import.meta: the bundles get the URL of their own file. The banner comes before
 * esbuild's "use strict", which then is no directive any more: the banner says it first (the
 * modules were written as ES modules, which are strict).
 */
const COMMONJS_IMPORT_META = {
  define: { 'import.meta.url': '__losstallyImportMetaUrl' },
  banner: { js: '"use strict";\nconst __losstallyImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
} as const;

/** The module of the query child started ahead: required from its own file, never bundled. */
const sharedQueryProcess: Plugin = {
  name: 'shared-query-process',
  setup(builder) {
    builder.onResolve({ filter: /\/query-process\.js$/ }, () => ({ path: './query-process.cjs', external: true }));
  },
};

/** `entry` and what it imports as one CommonJS text. */
async function commonJsText(entry: string, options: { define?: Record<string, string>; plugins?: Plugin[] } = {}): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: 'out.cjs',
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: options.plugins ?? [],
    define: { ...COMMONJS_IMPORT_META.define, ...options.define },
    banner: COMMONJS_IMPORT_META.banner,
    logLevel: 'warning',
  });
  return (result.outputFiles[0] as { text: string }).text;
}

async function commonJsFile(entry: string, outfile: string, options: Parameters<typeof commonJsText>[1] = {}): Promise<void> {
  writeFileSync(`${outdir}/${outfile}`, await commonJsText(entry, options));
}

/** The bundle of one command (of none: `null`), named by its content's hash. */
async function commandBundle(command: string | null): Promise<string> {
  const text = await commonJsText('src/cli/command-line.ts', { plugins: [onlyCommand(command), commanderChildProcessOnUse, sharedQueryProcess] });
  const file = `${command ?? 'program'}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.cjs`;
  writeFileSync(`${outdir}/${file}`, text);
  return file;
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await commonJsFile('src/analyst/query-process.ts', 'query-process.cjs');
await commonJsFile('src/analyst/query-runner.ts', 'query-runner.cjs');
await commonJsFile('src/analyst/orphan-guard-thread.ts', 'orphan-guard-thread.cjs');

const bundles: Record<string, string> = { '': await commandBundle(null) };
for (const command of commands) bundles[command] = await commandBundle(command);

await commonJsFile('src/cli/main.ts', 'main.cjs', { define: { COMMAND_BUNDLES: JSON.stringify(bundles) }, plugins: [sharedQueryProcess] });
// The bin: `npx losstally` in the project runs it as a program.
chmodSync(`${outdir}/main.cjs`, 0o755);
