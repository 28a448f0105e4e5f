/**
 * Preloaded into a real `losstally` run (`node --import dist/scripts/peak-at-exit.js
 * dist/bin/main.cjs …`) to measure the command as users run it: when the process exits, its
 * peak resident memory is written to standard error as the last line, `peak-rss-kib <n>`.
 */
import { writeSync } from 'node:fs';
import { peakLine } from './peak-rss.js';

process.on('exit', () => {
  writeSync(2, `${peakLine()}\n`);
});
