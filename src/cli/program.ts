/**
 * The losstally command line (its entry is main.ts). This file and the command modules are the
 * only places that touch process, stdout, the clock and exit codes. Command modules are imported
 * when their command runs, so `losstally status` does not pay for loading the HTTP client or the
 * HTML parser.
 */
import { Command, CommanderError } from 'commander';
import { loadConfig, QUERY_DEFAULTS, QUERY_LIMITS, VERSION } from '../config.js';
import { clockFor } from '../worker/clock.js';
import { firstLine, isLossTallyError } from '../errors.js';
import { IMPORT_FORMATS } from '../ingest/import-formats.js';
import { resolveDbPath, type CommandContext } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { defaultText, listText, styleHelp } from './help.js';

function contextFor(program: Command): CommandContext {
  const config = loadConfig(process.env);
  const globals = program.opts<{ db?: string }>();
  // LOSSTALLY_TEST_CLOCK sets the clock of every command (reproducible examples, soak runs).
  const clock = clockFor(config.testClock);
  return {
    config,
    dbPath: resolveDbPath(config, globals.db),
    clock,
    now: () => clock.now(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTty: Boolean(process.stdout.isTTY),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
}

const BASE_URL_DEFAULT = defaultText("the source's own", 'LOSSTALLY_<SOURCE>_BASE_URL');

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('losstally')
    .description("Tracks the General Staff of Ukraine's daily report of russian losses: fetch, parse, check, store in SQLite.")
    .option('--db <path>', `SQLite database ${defaultText('data/losstally.db in the losstally folder', 'LOSSTALLY_DB')}`)
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Commander's usage errors start "error:"; every error line of losstally starts "Error:".
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, 'Error:')) })
    .exitOverride();

  const run = (action: () => Promise<number>) => async () => setExit(await action());

  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(run(async () => (await import('./commands/migrate.js')).runMigrate(contextFor(program))));

  program
    .command('ingest')
    .description("fetch one day's report from a source, check it and store it")
    .option('--date <YYYY-MM-DD>', `report date ${defaultText("today's date in Kyiv")}`)
    .option('--source <id>', 'source to fetch from: mod, milgov, kmu, minfin or russianwarship', 'mod')
    .option('--base-url <url>', `replace the source's scheme and host (a mirror serving the same paths) ${BASE_URL_DEFAULT}`)
    .action((options) => run(async () => (await import('./commands/ingest.js')).runIngest(contextFor(program), options))());

  program
    .command('backfill')
    .description('fetch every day of a range by the cheapest path of the source (API list, month pages or daily pages); resumable')
    .option('--from <YYYY-MM-DD>', 'first report date (required)')
    .option('--to <YYYY-MM-DD>', `last report date ${defaultText("today's date in Kyiv")}`)
    .option('--source <id>', 'mod, milgov, kmu, minfin or russianwarship (the API list covers the whole war in a few requests)', 'mod')
    .option('--concurrency <n>', 'daily pages fetched at a time, capped by LOSSTALLY_HOST_CONCURRENCY', '4')
    .option('--refetch', 'fetch days already stored again (changed figures become revisions)')
    .option('--base-url <url>', `replace the source's scheme and host (a mirror) ${BASE_URL_DEFAULT}`)
    .action((options) => run(async () => (await import('./commands/backfill.js')).runBackfill(contextFor(program), options))());

  program
    .command('import')
    .description('store a dataset (PetroIvaniuk JSON, Kaggle or other wide CSV, long CSV, a losstally export, the russia-losses JSON, the ukr-mod-data CSV) or a saved page, API answer or report text as a source of its own')
    .argument('<path>', 'a file, or a folder holding a dataset (symbolic links to files are followed); a dataset file is read up to LOSSTALLY_MAX_IMPORT_BYTES, a page or text up to LOSSTALLY_MAX_DOCUMENT_BYTES')
    .option('--format <format>', `${listText(IMPORT_FORMATS)} ${defaultText('recognised from the files')}`)
    .option('--date <YYYY-MM-DD>', 'report date of a text that does not state it')
    .action((path: string, options) => run(async () => (await import('./commands/import.js')).runImport(contextFor(program), path, options))());

  program
    .command('parse')
    .description('parse saved pages or pasted reports and print their figures (stores nothing)')
    .argument(
      '<file...>',
      'files or folders to parse (a folder: every file under it, in path order; symbolic links to folders are not followed), or - alone for standard input, each read up to LOSSTALLY_MAX_DOCUMENT_BYTES; a document with many days prints them all, or the one of --date',
    )
    .option('--source <id>', 'auto, mod, milgov, kmu, minfin, russianwarship or text (for every file)', 'auto')
    .option('--date <YYYY-MM-DD>', 'report date, for texts that do not state it (checked against the document otherwise; for every file)')
    .option('--json', 'print the report as JSON (with many files or a folder: a line per file, as --ndjson)')
    .option('--ndjson', 'print one JSON object per line, a line per file as it is done: the report with "file" first, {"file","reports"} for many days, {"file","error":{"code","message"}} for none')
    .action((files: string[], options) => run(async () => (await import('./commands/parse.js')).runParse(contextFor(program), files, options))());

  program
    .command('export')
    .description('write the series as CSV: long (a row per date and category) or wide (a row per date)')
    .option('--shape <shape>', 'long or wide', 'long')
    .option('--from <YYYY-MM-DD>', 'first date')
    .option('--to <YYYY-MM-DD>', 'last date')
    .option('--category <key>', 'only this category (repeat for more)', (value: string, previous: string[] = []) => [...previous, value])
    .option(
      '--clean',
      'write the clean series (series_clean) instead: long, per date and category the best estimate (value), the stated total, the status (stated, repaired, inferred or disputed), the reason, the evidence and the source; wide, per category the value and a <key>_status column',
    )
    .option('--bom', 'start with a UTF-8 byte-order mark (for Excel)')
    .option('--out <file>', 'write to this file (written whole or not at all) instead of standard output')
    .action((options) => run(async () => (await import('./commands/export.js')).runExport(contextFor(program), options))());

  program
    .command('serve')
    .description('serve the HTTP API (/api/series, /api/latest, /api/findings, /api/sources, /api/categories, /export.csv) and a chart page, read-only, until Ctrl-C')
    .option('--host <address>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option(
      '--allow-host <name>',
      'also answer requests for this host name, on any port (repeat for more); without it only localhost, 127.0.0.1, [::1] and --host (on 0.0.0.0 or :: also the addresses of this machine) are answered, on the port listened on; other hosts get 421',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action((options) => run(async () => (await import('./commands/serve.js')).runServe(contextFor(program), options))());

  program
    .command('worker')
    .description("run until stopped (what npm start runs): on an empty database bring in the whole history, then fetch today's report from each source in the publication window and catch up the days an outage missed")
    .option('--sources <ids>', 'sources to follow, separated by commas: mod, milgov, kmu, minfin, russianwarship', 'mod,russianwarship')
    .option('--schedule <cron>', 'poll at these times (cron expression in --timezone, seconds field allowed) instead of every --every within --window')
    .option('--timezone <zone>', 'time zone of the window and the schedule', 'Europe/Kyiv')
    .option('--window <HH:MM-HH:MM>', 'publication window, local time', '06:30-12:00')
    .option('--every <interval>', 'time between polls of a source within the window: minutes (20) or with a unit (30s, 20m, 1h)', '20')
    .option('--no-history', `on an empty database, do not bring in the history first ${defaultText('the whole war from russianwarship.rip')}`)
    .option('--base-url <url>', `replace the scheme and host of the one source followed (a mirror) ${BASE_URL_DEFAULT}`)
    .option('--heartbeat-url <url>', `URL to call after each good cycle (dead-man's-switch monitors) ${defaultText('none', 'LOSSTALLY_HEARTBEAT_URL')}`)
    .option('--catch-up-days <n>', 'most missing days fetched per source after an outage (older ones: backfill)', '30')
    .action((options) => run(async () => (await import('./commands/worker.js')).runWorkerCommand(contextFor(program), options))());

  program
    .command('reparse')
    .description('parse the stored documents again with the current parsers and store what changed as new revisions (no network)')
    .option('--source <id>', `only the documents of this source: mod, milgov, kmu, minfin or russianwarship ${defaultText('all')}`)
    .option('--from <YYYY-MM-DD>', 'first report date to reparse')
    .option('--to <YYYY-MM-DD>', 'last report date to reparse')
    .action((options) => run(async () => (await import('./commands/reparse.js')).runReparse(contextFor(program), options))());

  program
    .command('check')
    .description('recompute every finding from the stored figures and list them, then the clean series: its repairs and notes, and a count of each status')
    .option('--from <YYYY-MM-DD>', 'first report date to list')
    .option('--to <YYYY-MM-DD>', 'last report date to list')
    .option('--json', 'print the findings as a JSON array (the findings only)')
    .addHelpText(
      'after',
      `
The clean series (view series_clean) gives each day and category a status:
  stated    the total follows from the day before and its delta, or fits its neighbours;
            an official correction the next days carry stays stated, with the reason
  repaired  a total typo both neighbours expose: mod printed tanks 12262 for 12226 on
            2026-07-28 (12225 + 1 on the 27th; 12227 - 1 on the 29th)
  inferred  no total stated and the neighbours fix it: vehicles +331 on 2026-07-29
            (126850 + 331 = 127181 = 127621 - 440)
  disputed  the total does not follow and nothing settles it; the stated value is kept`,
    )
    .action((options) => run(async () => (await import('./commands/check.js')).runCheck(contextFor(program), options))());

  program
    .command('status')
    .description('per source the latest report, lag and last fetch; the series, the worker, gaps and open errors; exits 1 when a followed source is stale')
    .option('--json', 'print the status as JSON')
    .option('--stale-after <days>', 'days of lag after which a followed source counts as stale (exit 1)', '2')
    .option('--sources <ids>', `the sources to judge, separated by commas ${defaultText('those the worker follows, else every source fetched from the network')}`)
    .action((options) => run(async () => (await import('./commands/status.js')).runStatus(contextFor(program), options))());

  program
    .command('query')
    .description('run read-only SQL against the database (see the views series and series_wide)')
    .argument('<sql>', 'a SELECT (or WITH) statement')
    .option('--table', 'print an aligned table (what is printed without a format flag)')
    .option('--csv', 'print CSV with a header row')
    .option('--json', 'print a JSON array of objects')
    .option('--nl', 'print one JSON object per line')
    .option('-p, --param <name=value>', 'bind :name in the SQL (repeat for more); whole numbers bind as numbers', (value: string, previous: string[] = []) => [...previous, value])
    .option('--max-rows <n>', `stop after this many rows, at most ${QUERY_LIMITS.maxRows.max} ${defaultText(String(QUERY_DEFAULTS.maxRows), 'LOSSTALLY_QUERY_MAX_ROWS')}`)
    .option('--timeout <ms>', `stop a query that runs longer, at most ${QUERY_LIMITS.timeoutMs.max} (an hour) ${defaultText(String(QUERY_DEFAULTS.timeoutMs), 'LOSSTALLY_QUERY_TIMEOUT_MS')}`)
    .action((sql: string, options) => run(async () => (await import('./commands/query.js')).runQuery(contextFor(program), sql, options))());

  styleHelp(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version output are successes; everything else commander rejects is usage.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isLossTallyError(error)) {
      process.stderr.write(`Error: ${firstLine(error.message)}\n`);
      return exitCodeFor(error.code);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Error: unexpected failure: ${firstLine(message)}\n`);
    if (process.env['LOSSTALLY_DEBUG']) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return EXIT.failed;
  }
}

/** Runs the command of this process's command line and sets its exit code. */
export async function runCommandLine(): Promise<void> {
  // A reader that stops early (`| head`) closes the pipe: that is the end of the output, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}
