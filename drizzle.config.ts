import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and committed; `openDatabase`
// applies them on open. `db:migrate` applies them to DATABASE_URL (PostgreSQL) by hand.
export default defineConfig({
  dialect: 'postgresql',
  schema: './runtime/store/schema/index.ts',
  out: './runtime/store/migrations',
  dbCredentials: {
    url: process.env.DATABASE_URL ?? 'postgres://postgres@/callflow?host=/var/run/postgresql',
  },
  strict: true,
  verbose: true,
});
