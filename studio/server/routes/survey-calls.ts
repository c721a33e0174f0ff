/**
 * The operator's side of an operator-mode campaign: their current survey call — the customer's card
 * and the script (seed 001: «выдаёт оператору окно со сценарием разговора») — and the answers and
 * notes they enter, stored with the customer as they come (seed 001: «вся информация записывается»).
 */
import { z } from 'zod';
import { MAX_TEXT_ANSWER } from '../../../runtime/dialer/answer-check.ts';
import { ensureOperator } from '../../../runtime/store/queries/operators.ts';
import { ApiError, badRequest, notFound } from '../api-error.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { surveyCallView } from '../campaigns/survey-call-view.ts';
import type { RouteRegistry } from '../route-registry.ts';

const AnswersBody = z
  .strictObject({
    callId: z.uuid(),
    answers: z
      .array(
        z.strictObject({
          question: z.string().min(1).max(100),
          value: z.union([z.string().max(MAX_TEXT_ANSWER), z.number(), z.boolean(), z.null()]),
        }),
      )
      .max(100)
      .optional(),
    notes: z.string().max(4_000).optional(),
  })
  .refine((b) => (b.answers?.length ?? 0) > 0 || b.notes !== undefined, 'answers or notes');

export function surveyCallRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'campaigns');
  const access = { roles: ROLE_SETS.operators };

  group.get(
    '/me/survey-call',
    {
      summary: 'Your current survey call: the customer card and the script (null when there is none)',
      access,
    },
    async (c) => {
      const { db, dialer, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const operator = await ensureOperator(db, tenant, identityOf(c).userId, new Date(clock.now()));
      const call = dialer?.surveyCall(tenant, operator.id) ?? null;
      return c.json({ call: call ? await surveyCallView(db, call) : null });
    },
  );

  group.post(
    '/me/survey-call/answers',
    {
      summary: "Enter the customer's answers (in order) and notes for your current survey call",
      access,
      body: AnswersBody,
    },
    async (c, { body }) => {
      const { db, dialer, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const operator = await ensureOperator(db, tenant, identityOf(c).userId, new Date(clock.now()));
      const result = dialer
        ? await dialer.answer(tenant, operator.id, body)
        : ({ ok: false, code: 'no-call' } as const);
      if (result.ok) return c.json({ call: await surveyCallView(db, result.call, result.view) });
      switch (result.code) {
        case 'no-call':
          throw notFound(`Survey call ${body.callId}`, `Звонок опроса ${body.callId}`);
        case 'no-question':
          throw new ApiError(
            409,
            'script-done',
            `The script asks nothing more (${result.stored} entries stored).`,
            `Сценарий больше ничего не спрашивает (сохранено записей: ${result.stored}).`,
            { stored: result.stored },
          );
        case 'not-current':
          throw new ApiError(
            409,
            'not-current-question',
            `The script asks "${result.current}" now (${result.stored} entries stored).`,
            `Сейчас сценарий спрашивает «${result.current}» (сохранено записей: ${result.stored}).`,
            { current: result.current, stored: result.stored },
          );
        case 'bad-answer':
          throw badRequest(
            'bad-answer',
            `The answer to "${result.question}" must be ${result.expected} (${result.stored} entries stored).`,
            `Ответ на «${result.question}» должен быть: ${expectedRu(result.expected)} (сохранено записей: ${result.stored}).`,
            { question: result.question, expected: result.expected, stored: result.stored },
          );
      }
    },
  );

  return group;
}

/** The checker's English expectation in Russian. */
function expectedRu(expected: string): string {
  if (expected === 'yes or no') return 'да или нет';
  return expected
    .replace(/^one of /, 'один из вариантов ')
    .replace(/^a number in /, 'число в пределах ')
    .replace(/^text of at most (\d+) characters$/, 'текст не длиннее $1 символов');
}
