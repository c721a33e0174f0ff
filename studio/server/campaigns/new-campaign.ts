/**
 * A supervisor's new campaign, checked against what exists: the survey is a flow of the tenant whose
 * version was deployed and is a `survey`; in operator mode the queue comes from the request or from
 * the survey's `group` (its first queue) and must be a queue of the tenant; the daily window's zone
 * is a real one. Every refusal is a 4xx with the reason in both languages.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import type { FlowMeta } from '../../../language/compiled-format.ts';
import type { Workspace } from '../../../language/workspace.ts';
import { DEFAULT_PACING, DEFAULT_RETRY, DEFAULT_RING_TIMEOUT_SEC } from '../../../runtime/dialer/campaign.ts';
import { isTimeOfDay } from '../../../runtime/dialer/daily-window.ts';
import { isNumberTemplate } from '../../../runtime/dialer/number-endpoint.ts';
import type { Db } from '../../../runtime/store/database.ts';
import type { NewCampaign } from '../../../runtime/store/queries/campaigns.ts';
import { activeVersion, getVersion, listDeployments } from '../../../runtime/store/queries/flows.ts';
import { ApiError, badRequest, notFound } from '../api-error.ts';

const timeOfDay = z.string().refine(isTimeOfDay, 'a time of day like 09:00');

export const CreateCampaignBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** The survey flow's name. */
  survey: z.string().min(1).max(200),
  /** A deployed version of it; default: the active one. */
  version: z.number().int().positive().optional(),
  mode: z.enum(['operator', 'automated']),
  /** Operator mode: the queue whose Ready operators take the calls (default: the survey group's). */
  queue: z.string().min(1).max(100).optional(),
  startAt: z.iso.datetime({ offset: true }).optional(),
  window: z.strictObject({ from: timeOfDay, to: timeOfDay }).optional(),
  timezone: z.string().min(1).max(64).optional(),
  pacing: z
    .strictObject({
      maxConcurrent: z.number().int().min(1).max(200).default(DEFAULT_PACING.maxConcurrent),
      ratio: z.number().min(0.1).max(10).default(DEFAULT_PACING.ratio),
    })
    .optional(),
  retries: z
    .strictObject({
      count: z.number().int().min(0).max(20),
      intervalSec: z
        .number()
        .int()
        .min(10)
        .max(7 * 24 * 3600),
    })
    .optional(),
  ringTimeoutSec: z.number().int().min(5).max(120).optional(),
  callerId: z
    .string()
    .regex(/^\+?[0-9]{3,20}$/, 'a phone number')
    .optional(),
  dialTemplate: z
    .string()
    .max(100)
    .refine(isNumberTemplate, 'a dial string with {number}, like PJSIP/{number}@trunk')
    .optional(),
});
export type CreateCampaignInput = z.output<typeof CreateCampaignBody>;

export async function newCampaign(
  db: Db,
  tenant: string,
  workspace: Workspace,
  input: CreateCampaignInput,
  acdQueues: readonly string[],
  createdBy: string | null,
): Promise<NewCampaign> {
  const version =
    input.version === undefined
      ? (await activeVersion(db, tenant, input.survey))?.version
      : await getVersion(db, tenant, input.survey, input.version);
  if (!version) {
    throw input.version === undefined
      ? notFound(`Deployed survey "${input.survey}"`, `Развёрнутый опрос «${input.survey}»`)
      : notFound(
          `Version ${input.version} of "${input.survey}"`,
          `Версия ${input.version} опроса «${input.survey}»`,
        );
  }
  const meta = version.meta as FlowMeta;
  if (meta.flavor !== 'survey') {
    throw badRequest(
      'not-a-survey',
      `"${input.survey}" is a flow, not a survey: a campaign runs a survey.`,
      `«${input.survey}» — сценарий, а не опрос: кампания проводит опрос.`,
    );
  }
  const deployed = await listDeployments(db, tenant, input.survey);
  if (!deployed.some((d) => d.versionId === version.id)) {
    throw new ApiError(
      409,
      'not-deployed',
      `Version ${version.number} of "${input.survey}" was never deployed: deploy it first.`,
      `Версия ${version.number} опроса «${input.survey}» не развёртывалась: сначала разверните её.`,
    );
  }
  const timezone = input.timezone ?? workspace.timezone;
  if (!IANAZone.isValidZone(timezone)) {
    throw badRequest(
      'bad-timezone',
      `Unknown time zone "${timezone}".`,
      `Неизвестный часовой пояс «${timezone}».`,
    );
  }
  if (input.window && input.window.from === input.window.to) {
    throw badRequest(
      'bad-window',
      'The daily window starts and ends at the same time.',
      'Ежедневное окно начинается и заканчивается в одно время.',
    );
  }
  return {
    name: input.name,
    flowVersionId: version.id,
    mode: input.mode,
    queue: input.mode === 'operator' ? operatorQueue(input, meta, workspace, acdQueues) : null,
    startAt: input.startAt ? new Date(input.startAt) : null,
    window: input.window ?? null,
    timezone,
    maxConcurrent: input.pacing?.maxConcurrent ?? DEFAULT_PACING.maxConcurrent,
    pacingRatio: input.pacing?.ratio ?? DEFAULT_PACING.ratio,
    retries: input.retries?.count ?? DEFAULT_RETRY.retries,
    retryIntervalSec: input.retries?.intervalSec ?? DEFAULT_RETRY.intervalMs / 1000,
    ringTimeoutSec: input.ringTimeoutSec ?? DEFAULT_RING_TIMEOUT_SEC,
    callerId: input.callerId ?? null,
    dialTemplate: input.dialTemplate ?? null,
    createdBy,
  };
}

/** The queue named, else the survey group's first queue, else a queue named like the group. */
function operatorQueue(
  input: CreateCampaignInput,
  meta: FlowMeta,
  workspace: Workspace,
  acdQueues: readonly string[],
): string {
  const known = (name: string) => name in workspace.queues || acdQueues.includes(name);
  const group = meta.group;
  const queue =
    input.queue ??
    (group ? (workspace.groups[group]?.queues[0] ?? (known(group) ? group : undefined)) : undefined);
  if (!queue) {
    throw badRequest(
      'no-queue',
      group
        ? `The survey's group "${group}" has no queue: name the queue whose operators take the calls.`
        : 'The survey names no group: name the queue whose operators take the calls.',
      group
        ? `У группы опроса «${group}» нет очереди: укажите очередь, операторы которой примут звонки.`
        : 'Опрос не называет группу: укажите очередь, операторы которой примут звонки.',
    );
  }
  if (!known(queue)) {
    throw badRequest('unknown-queue', `There is no queue "${queue}".`, `Очереди «${queue}» нет.`);
  }
  return queue;
}
