// `pnpm db:migration <name>`: writes the next migration from the changes made to schema.prisma since the
// last one. Review the SQL, then apply it with `pnpm db:migrate`.
import { relative } from 'node:path';
import { createMigration, SchemaUnchangedError } from '../src/create-migration.js';

const name = process.argv.slice(2).join('_');
if (name === '') {
  console.error('usage: pnpm db:migration <name>   (e.g. pnpm db:migration add_gift_cards)');
  process.exit(1);
}

try {
  const migration = await createMigration({ name });
  console.log(`wrote ${relative(process.cwd(), migration.directory)}/migration.sql`);
} catch (error) {
  if (error instanceof SchemaUnchangedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
}
