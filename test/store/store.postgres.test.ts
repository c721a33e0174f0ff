import { describeStoreSuite } from './store-suite.ts';

// Runs only with DATABASE_URL (PostgreSQL 15+); otherwise it warns loudly and skips.
describeStoreSuite('postgres');
