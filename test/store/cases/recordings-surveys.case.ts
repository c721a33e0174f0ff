import { describe, expect, it } from 'vitest';
import { importCustomers } from '../../../runtime/store/queries/customers.ts';
import { addRecording, recordingsOfCall } from '../../../runtime/store/queries/recordings.ts';
import {
  answersOfCall,
  answersOfCustomer,
  saveSurveyAnswers,
} from '../../../runtime/store/queries/survey-answers.ts';
import type { StoreContext } from '../db-fixture.ts';
import { TENANT_A, TENANT_B, twoTenants } from '../store-test-data.ts';

const AT = new Date('2026-03-02T10:00:00Z');

export function recordingSurveyCases(ctx: StoreContext): void {
  describe('recordings and survey answers', () => {
    it('lists a call’s recordings within its tenant only', async () => {
      await twoTenants(ctx.db);
      await addRecording(ctx.db, TENANT_A, {
        callId: 'c1',
        name: 'rec-c1',
        startedAt: AT,
        durationMs: 61_000,
      });
      expect(
        (await recordingsOfCall(ctx.db, TENANT_A, 'c1')).map((r) => [r.name, r.format, r.durationMs]),
      ).toEqual([['rec-c1', 'wav', 61_000]]);
      expect(await recordingsOfCall(ctx.db, TENANT_B, 'c1')).toEqual([]);
    });

    it('keeps typed answers with the call and the customer', async () => {
      await twoTenants(ctx.db);
      await importCustomers(ctx.db, TENANT_A, { customers: [{ phone: '+380501234567', name: 'Іван' }] });
      const [customer] = await ctx.db.query.customers.findMany();
      const saved = await saveSurveyAnswers(ctx.db, TENANT_A, [
        {
          callId: 'c9',
          customerId: customer.id,
          survey: 'satisfaction',
          question: 'satisfied',
          answer: false,
          at: AT,
        },
        {
          callId: 'c9',
          customerId: customer.id,
          survey: 'satisfaction',
          question: 'why',
          answer: 'slow',
          at: AT,
        },
      ]);
      expect(saved).toBe(2);
      expect(
        (await answersOfCustomer(ctx.db, TENANT_A, customer.id)).map((a) => [a.question, a.answer]),
      ).toEqual([
        ['satisfied', false],
        ['why', 'slow'],
      ]);
      expect(await answersOfCall(ctx.db, TENANT_B, 'c9')).toEqual([]);
      expect(await answersOfCustomer(ctx.db, TENANT_B, customer.id)).toEqual([]);
    });
  });
}
