import { openDatabase } from '../../db/database.js';
import { migrateDatabase, type CommandContext } from '../context.js';

export async function runMigrate(context: CommandContext): Promise<number> {
  const db = openDatabase(context.dbPath);
  try {
    const summary = await migrateDatabase(context, db);
    const applied = summary.applied.length === 0 ? 'schema already up to date' : `applied ${summary.applied.join(', ')}`;
    context.stdout.write(`${context.dbPath}: ${applied}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
