/**
 * How the help of every command reads, in one place: it lists the global options (--db) after
 * the command's own, and states every default the same way, "(default: 4)", whether commander
 * prints it from `.option(…, default)` or the description gives it; an environment variable
 * that sets the default is named as commander names one: "(default: 10000, env: NAME)".
 */
import type { Command } from 'commander';

/** "(default: value)" or "(default: value, env: VARIABLE)", for a description. */
export function defaultText(value: string, variable?: string): string {
  return `(default: ${value}${variable ? `, env: ${variable}` : ''})`;
}

/** "a, b or c". */
export function listText(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Applies the help style to a program and all its commands: call it once they are all added. */
export function styleHelp(command: Command): void {
  command.configureHelp({ showGlobalOptions: true });
  for (const option of command.options) {
    // Commander would print a string default as JSON, (default: "4").
    if (typeof option.defaultValue === 'string') option.defaultValueDescription ??= option.defaultValue;
  }
  for (const sub of command.commands) styleHelp(sub);
}
