#!/usr/bin/env node
/**
 * The bin of the losstally command line. It loads only the bundle of the command named on the
 * command line (each holds the program and that one command's code), from V8's code cache when
 * a run before this one left one (code-cache.ts). For `losstally query` it first starts the
 * query's child process, whose Node start-up then overlaps the loading of the bundle.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prestartQueryRunner } from '../analyst/query-process.js';
import { runWithCodeCache } from './code-cache.js';
import { commandNamed } from './command-named.js';

/** Bundle file per command, and `''` for the one with no command's code (help, version, usage errors): set by scripts/bundle.ts. */
declare const COMMAND_BUNDLES: Readonly<Record<string, string>>;

const command = commandNamed(process.argv.slice(2)) ?? '';
if (command === 'query') prestartQueryRunner();
const known = command !== '' && Object.hasOwn(COMMAND_BUNDLES, command);
// The bundle of no command only ever prints help, the version or a usage error: its cache is kept after any run.
runWithCodeCache(join(dirname(fileURLToPath(import.meta.url)), COMMAND_BUNDLES[known ? command : ''] as string), { keepAlways: !known });
