/**
 * The store's shared suite: the same cases run on PGlite and on PostgreSQL (the hono habit of one
 * suite per interface, run against every implementation).
 */
import { describe, it } from 'vitest';
import { callLogCases } from './cases/call-log.case.ts';
import { customerCases } from './cases/customers.case.ts';
import { flowCases } from './cases/flows.case.ts';
import { migrationCases } from './cases/migrations.case.ts';
import { notificationCases } from './cases/notifications.case.ts';
import { recordingSurveyCases } from './cases/recordings-surveys.case.ts';
import { userOperatorCases } from './cases/users-operators.case.ts';
import { type Backend, useTestDatabase } from './db-fixture.ts';

export function describeStoreSuite(kind: Backend): void {
  if (kind === 'postgres' && !process.env.DATABASE_URL) {
    console.warn('PostgreSQL suite skipped: DATABASE_URL not set');
    describe.skip('store on PostgreSQL (DATABASE_URL not set)', () => {
      it('runs the shared store suite', () => {});
    });
    return;
  }
  describe(`store on ${kind}`, () => {
    const ctx = useTestDatabase(kind);
    migrationCases(ctx);
    flowCases(ctx);
    callLogCases(ctx);
    customerCases(ctx);
    userOperatorCases(ctx);
    recordingSurveyCases(ctx);
    notificationCases(ctx);
  });
}
