/**
 * `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded
 * database in ./data/pglite when it is unset (openDatabase migrates on open; this only reports).
 */
import { openDatabase } from './database.ts';

const database = await openDatabase();
console.log(`Migrations applied: ${database.location} (${database.kind})`);
console.log(`Миграции применены: ${database.location} (${database.kind})`);
await database.close();
