/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, for deployments that migrate separately. */
import { migrate } from '../src/db/migrate.js';
import { resolveDatabaseTarget } from '../src/db/target.js';

const target = resolveDatabaseTarget(process.env.DATABASE_URL);
const applied = await migrate(target);
console.log(applied.length === 0 ? 'Nothing to apply: the database is up to date.' : `Applied: ${applied.join(', ')}`);
