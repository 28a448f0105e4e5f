/** `losstally export`: the series (or, with --clean, the clean series) as CSV, to standard output or a file. */
import { checkExportOptions, writeExport } from '../../analyst/export.js';
import { openForReading, type CommandContext } from '../context.js';
import { writeWholeFile } from '../whole-file.js';

export interface ExportCommandOptions {
  readonly shape?: string;
  readonly from?: string;
  readonly to?: string;
  readonly category?: readonly string[];
  readonly clean?: boolean;
  readonly bom?: boolean;
  readonly out?: string;
}

export async function runExport(context: CommandContext, options: ExportCommandOptions): Promise<number> {
  const exportOptions = checkExportOptions({
    ...(options.shape ? { shape: options.shape } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.category ? { categories: options.category } : {}),
    clean: Boolean(options.clean),
    bom: Boolean(options.bom),
  });
  const sqlite = openForReading(context);
  try {
    if (options.out) {
      await writeWholeFile(options.out, (file) => writeExport(sqlite, exportOptions, file));
    } else {
      await writeExport(sqlite, exportOptions, context.stdout);
    }
    return 0;
  } finally {
    sqlite.close();
  }
}
