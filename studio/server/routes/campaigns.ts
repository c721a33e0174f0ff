/**
 * Outbound survey campaigns (reference scenario item 7), for supervisors and admins of the tenant:
 * create one for a deployed survey, upload its numbers (JSON or CSV), start, pause or stop it, and
 * follow it — counts per state and each number's outcome, the answers given. The dialer does the
 * calling (runtime/dialer); the store holds what it did.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { NUMBER_STATES } from '../../../runtime/dialer/campaign.ts';
import type { Dialer } from '../../../runtime/dialer/dialer.ts';
import { DialerError } from '../../../runtime/dialer/dialer-types.ts';
import { recordAudit } from '../../../runtime/store/queries/audit.ts';
import {
  addCampaignNumbers,
  campaignAnswers,
  countsOf,
  createCampaign,
  getCampaign,
  listCampaignNumbers,
  listCampaigns,
  type UploadedNumber,
} from '../../../runtime/store/queries/campaigns.ts';
import { ApiError, notFound } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { CreateCampaignBody, newCampaign } from '../campaigns/new-campaign.ts';
import { MAX_NUMBERS, numbersFromCsv, numbersFromJson } from '../campaigns/number-list.ts';
import { tenantWorkspace } from '../queries/tenant-settings.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

const NumbersBody = z.strictObject({
  numbers: z
    .array(
      z.union([
        z.string().max(40),
        z.strictObject({ number: z.string().max(40), customerId: z.uuid().nullable().optional() }),
      ]),
    )
    .min(1)
    .max(MAX_NUMBERS),
});

const StatusQuery = z.object({
  state: z.enum(NUMBER_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const CAMPAIGN: [string, string] = ['Campaign', 'Кампания'];

export function campaignRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'campaigns');
  const access = { roles: ROLE_SETS.supervisors };

  group.get('/campaigns', { summary: 'Campaigns with counts of numbers per state', access }, async (c) => {
    return c.json({ campaigns: await listCampaigns(c.var.deps.db, tenantOf(c).id) });
  });

  group.post(
    '/campaigns',
    {
      summary: 'Create a campaign for a deployed survey (operator script or automated keypad survey)',
      access,
      body: CreateCampaignBody,
      responses: { 201: 'the campaign (status draft)' },
    },
    async (c, { body }) => {
      const { db, acd } = c.var.deps;
      const tenant = tenantOf(c).id;
      const workspace = await tenantWorkspace(db, tenant);
      const acdQueues = acdQueueNames(acd, tenant);
      const input = await newCampaign(db, tenant, workspace, body, acdQueues, identityOf(c).userId);
      const campaign = await createCampaign(db, tenant, input);
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'campaign.create',
        target: `campaign:${campaign.id}`,
        details: { name: campaign.name, survey: campaign.survey.flowName, mode: campaign.mode },
      });
      return c.json(
        { ...campaign, counts: (await countsOf(db, tenant, [campaign.id])).get(campaign.id) },
        201,
      );
    },
  );

  group.get(
    '/campaigns/:id',
    {
      summary: 'A campaign: status, counts per state, what the dialer waits for, and each number’s outcome',
      access,
      query: StatusQuery,
    },
    async (c, { query }) => {
      const { db, dialer } = c.var.deps;
      const tenant = tenantOf(c).id;
      const campaign = await campaignOf(c);
      const live = dialer?.progress(tenant, campaign.id) ?? null;
      const [counts, numbers] = await Promise.all([
        countsOf(db, tenant, [campaign.id]),
        listCampaignNumbers(db, tenant, campaign.id, query),
      ]);
      return c.json({
        ...campaign,
        status: live?.campaign.status ?? campaign.status,
        counts: counts.get(campaign.id),
        waiting: live?.waiting ?? null,
        wakeAt: live?.wakeAt ? new Date(live.wakeAt).toISOString() : null,
        numbers: numbers.map((n) => ({
          ...n,
          nextAttemptAt: iso(n.nextAttemptAt),
          answeredAt: iso(n.answeredAt),
          endedAt: iso(n.endedAt),
        })),
      });
    },
  );

  group.post(
    '/campaigns/:id/numbers',
    {
      summary:
        'Add numbers to the list (JSON: numbers or {number, customerId}); linked to customers by phone',
      access,
      body: NumbersBody,
    },
    async (c, { body }) => addNumbers(c, numbersFromJson(body.numbers)),
  );

  group.post(
    '/campaigns/:id/numbers/csv',
    {
      summary: 'Add numbers from a CSV file; linked to customers by phone',
      access,
      rawBody: {
        contentType: 'text/csv',
        maxBytes: 4 * 1024 * 1024,
        description: 'one number per line, in the first column or the one headed phone/number',
      },
    },
    async (c) => {
      if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(
          415,
          'unsupported-media-type',
          'Send the file as text/csv.',
          'Отправьте файл как text/csv.',
        );
      }
      return addNumbers(c, numbersFromCsv(await c.req.text()));
    },
  );

  for (const action of ['start', 'pause', 'stop'] as const) {
    group.post(
      `/campaigns/:id/${action}`,
      {
        summary:
          action === 'start'
            ? 'Start (or resume) dialling: from the start time, inside the daily window'
            : action === 'pause'
              ? 'Pause: nothing new is dialled; calls in progress go on'
              : 'Stop for good: nothing more is dialled; calls in progress go on',
        access,
      },
      async (c) => {
        const { db } = c.var.deps;
        const tenant = tenantOf(c).id;
        const campaign = await campaignOf(c);
        if (action === 'start' && (await countsOf(db, tenant, [campaign.id])).get(campaign.id)?.total === 0) {
          throw new ApiError(
            409,
            'no-numbers',
            'The campaign has no numbers yet: upload them first.',
            'В кампании ещё нет номеров: сначала загрузите их.',
          );
        }
        const progress = await dialerCall(() => dialerOf(c)[action](tenant, campaign.id));
        await recordAudit(db, tenant, {
          userId: identityOf(c).userId,
          action: `campaign.${action}`,
          target: `campaign:${campaign.id}`,
          details: { name: campaign.name },
        });
        return c.json({
          id: campaign.id,
          status: progress.campaign.status,
          waiting: progress.waiting,
          wakeAt: progress.wakeAt ? new Date(progress.wakeAt).toISOString() : null,
          counts: progress.counts,
        });
      },
    );
  }

  group.get(
    '/campaigns/:id/answers',
    { summary: 'The answers and notes given in the campaign, with the call and the customer', access },
    async (c) => {
      const campaign = await campaignOf(c);
      const answers = await campaignAnswers(c.var.deps.db, tenantOf(c).id, campaign.name);
      return c.json({
        answers: answers.map((a) => ({
          callId: a.callId,
          customerId: a.customerId,
          question: a.question,
          answer: a.answer,
          at: a.at.toISOString(),
        })),
      });
    },
  );

  return group;
}

async function campaignOf(c: Context<AppEnv>) {
  const id = pathParam(c, 'id', z.uuid(), CAMPAIGN);
  const campaign = await getCampaign(c.var.deps.db, tenantOf(c).id, id);
  if (!campaign) throw notFound(...CAMPAIGN);
  return campaign;
}

async function addNumbers(c: Context<AppEnv>, numbers: UploadedNumber[]) {
  const { db, dialer } = c.var.deps;
  const tenant = tenantOf(c).id;
  const campaign = await campaignOf(c);
  const status = dialer?.progress(tenant, campaign.id)?.campaign.status ?? campaign.status;
  if (status === 'stopped' || status === 'completed') {
    throw new ApiError(
      409,
      'campaign-finished',
      `The campaign is ${status}: create a new one for more numbers.`,
      `Кампания ${status === 'stopped' ? 'остановлена' : 'завершена'}: для новых номеров создайте новую.`,
    );
  }
  const result = await addCampaignNumbers(db, tenant, campaign.id, numbers);
  await dialer?.numbersAdded(tenant, campaign.id);
  const counts = (await countsOf(db, tenant, [campaign.id])).get(campaign.id);
  return c.json({ ...result, counts });
}

function dialerOf(c: Context<AppEnv>): Dialer {
  const dialer = c.var.deps.dialer;
  if (!dialer) {
    throw new ApiError(
      503,
      'no-dialer',
      'This server runs no dialer.',
      'На этом сервере нет модуля обзвона.',
    );
  }
  return dialer;
}

/** The dialer's refusals as 4xx with both languages' messages. */
export async function dialerCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DialerError)) throw error;
    switch (error.code) {
      case 'unknown-campaign':
        throw notFound(...CAMPAIGN);
      case 'finished':
        throw new ApiError(
          409,
          'campaign-finished',
          'The campaign is stopped or completed: it cannot run again.',
          'Кампания остановлена или завершена: запустить её снова нельзя.',
        );
      case 'no-queue':
        throw new ApiError(
          409,
          'no-queue',
          'The campaign names no queue for its operators.',
          'В кампании не указана очередь операторов.',
        );
      case 'no-runtime-tenant':
        throw new ApiError(
          409,
          'survey-not-loaded',
          `The survey cannot run on this server: ${error.message}`,
          `Опрос не может выполняться на этом сервере: ${error.message}`,
        );
    }
  }
}

function acdQueueNames(acd: AppEnv['Variables']['deps']['acd'], tenant: string): string[] {
  try {
    return acd?.core(tenant).queueNames() ?? [];
  } catch {
    return [];
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
