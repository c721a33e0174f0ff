/** Survey answers: stored with the call and, when known, the customer (seed 001, outbound survey). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { type SurveyAnswer, surveyAnswers } from '../schema/customers.ts';

export interface AnswerInput {
  callId: string;
  customerId?: string | null;
  survey: string;
  question: string;
  answer: unknown;
  at?: Date;
}

export async function saveSurveyAnswers(db: Db, tenantId: string, answers: AnswerInput[]): Promise<number> {
  if (answers.length === 0) return 0;
  const rows = await db
    .insert(surveyAnswers)
    .values(
      answers.map((a) => ({
        tenantId,
        callId: a.callId,
        customerId: a.customerId ?? null,
        survey: a.survey,
        question: a.question,
        // A JSON null ("no answer") would otherwise be bound as SQL NULL and break NOT NULL.
        answer: a.answer === null ? sql`'null'::jsonb` : a.answer,
        at: a.at ?? new Date(),
      })),
    )
    .returning({ id: surveyAnswers.id });
  return rows.length;
}

export async function answersOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<SurveyAnswer[]> {
  return db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.tenantId, tenantId), eq(surveyAnswers.customerId, customerId)))
    .orderBy(asc(surveyAnswers.at), asc(surveyAnswers.id));
}

export async function answersOfCall(db: Db, tenantId: string, callId: string): Promise<SurveyAnswer[]> {
  return db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.tenantId, tenantId), eq(surveyAnswers.callId, callId)))
    .orderBy(asc(surveyAnswers.id));
}
