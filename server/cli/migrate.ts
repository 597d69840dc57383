import { z } from 'zod';
import { defineCommand } from './command';

/** The database is migrated before every command runs; this one only says so. */
export const migrateCommand = defineCommand({
  name: 'migrate',
  synopsis: '',
  summary: 'apply pending database migrations (the server also does this at start)',
  options: {},
  args: z.object({}),
  async run(ctx) {
    ctx.out(`Database is up to date (${ctx.database.engine}).\n`);
    return 0;
  },
});
