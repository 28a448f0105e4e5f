/** `losstally export`: the series as CSV, to standard output or a file. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { checkExportOptions, writeExport } from '../../analyst/export.js';
import { FileError } from '../../errors.js';
import { openForReading, type CommandContext } from '../context.js';

export interface ExportCommandOptions {
  readonly shape?: string;
  readonly from?: string;
  readonly to?: string;
  readonly category?: readonly string[];
  readonly bom?: boolean;
  readonly out?: string;
}

export async function runExport(context: CommandContext, options: ExportCommandOptions): Promise<number> {
  const exportOptions = checkExportOptions({
    ...(options.shape ? { shape: options.shape } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.category ? { categories: options.category } : {}),
    bom: Boolean(options.bom),
  });
  const sqlite = openForReading(context);
  try {
    if (!options.out) {
      await writeExport(sqlite, exportOptions, context.stdout);
      return 0;
    }
    // Into a file beside the target, renamed at the end: a crash never leaves half a file.
    const partial = `${options.out}.partial`;
    const file = createWriteStream(partial);
    try {
      await once(file, 'open');
      await writeExport(sqlite, exportOptions, file);
      file.end();
      await once(file, 'close');
      await rename(partial, options.out);
    } catch (error) {
      file.destroy();
      await rm(partial, { force: true });
      throw new FileError(`cannot write ${options.out}: ${(error as Error).message}`, { cause: error });
    }
    return 0;
  } finally {
    sqlite.close();
  }
}
