import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function sourceFiles(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(new URL(`${entry.name}/`, dir)) : entry.name.endsWith('.ts') ? [readFileSync(new URL(entry.name, dir), 'utf8')] : [],
  );
}

describe('README', () => {
  it('documents every command the CLI has, with an example', async () => {
    const help = await runCli(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(['migrate', 'ingest', 'backfill', 'import', 'parse', 'export', 'serve', 'worker', 'reparse', 'check', 'status', 'query']);
    for (const command of commands) {
      expect(readme).toContain(`### \`losstally ${command}`);
      expect(readme).toMatch(new RegExp(`\\$ (?:[A-Z_]+=\\S+ )*npx losstally ${command}`));
    }
  });

  it('documents every environment variable the code reads', () => {
    const code = sourceFiles(new URL('../../src/', import.meta.url)).join('\n');
    const variables = new Set([...code.matchAll(/LOSSTALLY_[A-Z_]+/g)].map((m) => m[0]).filter((v) => !v.endsWith('_')));
    for (const source of ['MOD', 'MILGOV', 'KMU']) variables.add(`LOSSTALLY_${source}_BASE_URL`);
    for (const variable of variables) expect(readme).toContain(`\`${variable}\``);
  });

  it('states the two set-up commands', () => {
    expect(readme).toContain('npm install && npm start\nnpm test\n');
  });
});
