#!/usr/bin/env node
/**
 * The entry of the losstally command line. It loads the program only after prestart.ts has
 * looked at the command line: the one piece of work that can start before the rest of the
 * command line is loaded (the query child) starts that much sooner.
 */
import './prestart.js';

const { runCommandLine } = await import('./program.js');
await runCommandLine();
