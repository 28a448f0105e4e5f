/**
 * The README's examples are run as a user would run them (the built command line, bash, the
 * local mirror of `npm run mirror`, the files the project ships) and what they print is
 * compared with what the README shows, times, durations, ports and process ids aside. A change
 * that alters an output fails here until `npm run docs` writes the new outputs into README.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differences, mask, readBlocks, runBlocks } from '../../scripts/docs.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = readBlocks(readme);

describe("the README's examples", () => {
  it('print what the README shows (regenerate with npm run docs)', async () => {
    const outcomes = await runBlocks(blocks);
    const run = blocks.filter((b) => !b.skip);
    expect(outcomes).toHaveLength(run.reduce((n, b) => n + b.commands.length, 0));
    const different = differences(outcomes).map((o) => ({ line: o.block.line, command: o.command, readme: mask(o.expected), actual: mask(o.actual) }));
    expect(different).toEqual([]);
  }, 180_000);

  it('leave out only the blocks that say why, and run the rest', () => {
    const skipped = blocks.filter((b) => b.skip).map((b) => [b.commands[0]?.command, b.skip]);
    expect(skipped).toEqual([
      ['npm start', 'a terminal session of npm start (half a minute of history at the default pacing); tests/worker/worker-ingest.test.ts checks its words and events'],
      ['npm run soak', 'ten minutes of wall time; the figures are those of the last npm run soak'],
    ]);
    // Every command of the CLI appears in a block that runs.
    const runCommands = blocks.filter((b) => !b.skip).flatMap((b) => b.commands.map((c) => c.command));
    for (const name of ['migrate', 'ingest', 'backfill', 'import', 'parse', 'export', 'serve', 'worker', 'reparse', 'check', 'status', 'query']) {
      expect(runCommands.some((c) => new RegExp(`npx losstally ${name}\\b`).test(c))).toBe(true);
    }
  });

  it('mask only what varies from run to run', () => {
    expect(mask('{"time":"2026-11-27T15:22:00.037Z","pid":13984} (4.0 s) pid 77\n2026-11-27 15:22:06 info  cycle_done')).toBe(
      '{"time":"<time>","pid":<pid>} (<seconds> s) pid <pid>\n<time> info  cycle_done',
    );
    expect(mask('2026-07-28,1616,tanks,12262')).toBe('2026-07-28,1616,tanks,12262');
  });
});
