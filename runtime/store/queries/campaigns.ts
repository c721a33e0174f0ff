/**
 * Campaigns and their numbers: created and filled by the API, read back as the dialer's model
 * (runtime/dialer/campaign.ts). Every query takes the tenant. Numbers are linked to the customer
 * with that phone when they are uploaded, so answers are stored with the customer.
 */
import { and, asc, count, eq, inArray, max, sql } from 'drizzle-orm';
import { phoneKey } from '../../data/customer-store.ts';
import type {
  Campaign,
  CampaignMode,
  CampaignNumber,
  CampaignStatus,
  NumberCounts,
} from '../../dialer/campaign.ts';
import { countNumbers, NUMBER_STATES, type NumberState } from '../../dialer/campaign.ts';
import type { Db } from '../database.ts';
import { type CampaignNumberRow, type CampaignRow, campaignNumbers, campaigns } from '../schema/campaigns.ts';
import { customers, type SurveyAnswer, surveyAnswers } from '../schema/customers.ts';
import { flows, flowVersions } from '../schema/flows.ts';
import { StoreError } from '../store-error.ts';

export interface NewCampaign {
  name: string;
  flowVersionId: string;
  mode: CampaignMode;
  queue: string | null;
  startAt: Date | null;
  window: { from: string; to: string } | null;
  timezone: string;
  maxConcurrent: number;
  pacingRatio: number;
  retries: number;
  retryIntervalSec: number;
  ringTimeoutSec: number;
  callerId: string | null;
  dialTemplate: string | null;
  createdBy: string | null;
}

const campaignColumns = {
  campaign: campaigns,
  flowName: flows.name,
  version: flowVersions.number,
};

type Joined = { campaign: CampaignRow; flowName: string; version: number };

function toCampaign({ campaign: row, flowName, version }: Joined): Campaign {
  return {
    id: row.id,
    tenant: row.tenantId,
    name: row.name,
    survey: { flowName, versionId: row.flowVersionId, version },
    mode: row.mode,
    queue: row.queue,
    status: row.status as CampaignStatus,
    startAt: row.startAt ? row.startAt.getTime() : null,
    window: row.windowFrom && row.windowTo ? { from: row.windowFrom, to: row.windowTo } : null,
    timezone: row.timezone,
    pacing: { maxConcurrent: row.maxConcurrent, ratio: row.pacingRatio },
    retry: { retries: row.retries, intervalMs: row.retryIntervalSec * 1000 },
    ringTimeoutSec: row.ringTimeoutSec,
    callerId: row.callerId,
    dialTemplate: row.dialTemplate,
  };
}

function selectCampaigns(db: Db) {
  return db
    .select(campaignColumns)
    .from(campaigns)
    .innerJoin(flowVersions, eq(flowVersions.id, campaigns.flowVersionId))
    .innerJoin(flows, eq(flows.id, flowVersions.flowId));
}

export async function createCampaign(db: Db, tenantId: string, input: NewCampaign): Promise<Campaign> {
  const [row] = await db
    .insert(campaigns)
    .values({
      tenantId,
      name: input.name,
      flowVersionId: input.flowVersionId,
      mode: input.mode,
      queue: input.queue,
      startAt: input.startAt,
      windowFrom: input.window?.from ?? null,
      windowTo: input.window?.to ?? null,
      timezone: input.timezone,
      maxConcurrent: input.maxConcurrent,
      pacingRatio: input.pacingRatio,
      retries: input.retries,
      retryIntervalSec: input.retryIntervalSec,
      ringTimeoutSec: input.ringTimeoutSec,
      callerId: input.callerId,
      dialTemplate: input.dialTemplate,
      createdBy: input.createdBy,
    })
    .onConflictDoNothing()
    .returning({ id: campaigns.id });
  if (!row) {
    throw new StoreError(
      'conflict',
      `A campaign named "${input.name}" already exists.`,
      `Кампания «${input.name}» уже существует.`,
    );
  }
  return (await getCampaign(db, tenantId, row.id))!;
}

export async function getCampaign(db: Db, tenantId: string, id: string): Promise<Campaign | null> {
  const [row] = await selectCampaigns(db).where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)));
  return row ? toCampaign(row) : null;
}

export async function listCampaigns(
  db: Db,
  tenantId: string,
): Promise<(Campaign & { counts: NumberCounts })[]> {
  const rows = await selectCampaigns(db).where(eq(campaigns.tenantId, tenantId)).orderBy(asc(campaigns.name));
  const counts = await countsOf(
    db,
    tenantId,
    rows.map((r) => r.campaign.id),
  );
  return rows.map((row) => ({ ...toCampaign(row), counts: counts.get(row.campaign.id) ?? countNumbers([]) }));
}

export async function setCampaignStatus(
  db: Db,
  tenantId: string,
  id: string,
  status: CampaignStatus,
): Promise<void> {
  await db
    .update(campaigns)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(campaigns.tenantId, tenantId), eq(campaigns.id, id)));
}

/** Campaigns left running, of every tenant (a process starting resumes them). */
export async function runningCampaigns(db: Db): Promise<{ tenant: string; id: string }[]> {
  const rows = await db
    .select({ tenant: campaigns.tenantId, id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.status, 'running'));
  return rows;
}

/** Per-state counts of numbers, per campaign. */
export async function countsOf(db: Db, tenantId: string, ids: string[]): Promise<Map<string, NumberCounts>> {
  const out = new Map<string, NumberCounts>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({ campaignId: campaignNumbers.campaignId, state: campaignNumbers.state, n: count() })
    .from(campaignNumbers)
    .where(and(eq(campaignNumbers.tenantId, tenantId), inArray(campaignNumbers.campaignId, ids)))
    .groupBy(campaignNumbers.campaignId, campaignNumbers.state);
  for (const id of ids) out.set(id, countNumbers([]));
  for (const row of rows) {
    const counts = out.get(row.campaignId)!;
    if ((NUMBER_STATES as readonly string[]).includes(row.state)) counts[row.state as NumberState] += row.n;
    counts.total += row.n;
  }
  return out;
}

export interface UploadedNumber {
  number: string;
  /** An explicit customer; otherwise the customer with this phone, if any. */
  customerId?: string | null;
}

/**
 * Appends numbers to the list (a number already in it is skipped), each linked to the customer of
 * the tenant with that phone. Returns how many were added and skipped.
 */
export async function addCampaignNumbers(
  db: Db,
  tenantId: string,
  campaignId: string,
  numbers: UploadedNumber[],
): Promise<{ added: number; skipped: number; linked: number }> {
  return db.transaction(async (tx) => {
    // Serializes uploads to one campaign: positions stay one list.
    await tx.execute(sql`select id from ${campaigns} where ${campaigns.id} = ${campaignId} for update`);
    const [{ last }] = await tx
      .select({ last: max(campaignNumbers.position) })
      .from(campaignNumbers)
      .where(eq(campaignNumbers.campaignId, campaignId));
    const keys = [...new Set(numbers.map((n) => phoneKey(n.number)))];
    const byKey = new Map<string, string>();
    for (let i = 0; i < keys.length; i += 1000) {
      const found = await tx
        .select({ id: customers.id, phoneKey: customers.phoneKey })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), inArray(customers.phoneKey, keys.slice(i, i + 1000))));
      for (const c of found) byKey.set(c.phoneKey, c.id);
    }
    let position = last ?? 0;
    const seen = new Set<string>();
    const rows = [];
    for (const n of numbers) {
      if (seen.has(n.number)) continue;
      seen.add(n.number);
      rows.push({
        tenantId,
        campaignId,
        position: ++position,
        number: n.number,
        customerId: n.customerId ?? byKey.get(phoneKey(n.number)) ?? null,
      });
    }
    let added = 0;
    let linked = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const saved = await tx
        .insert(campaignNumbers)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing()
        .returning({ customerId: campaignNumbers.customerId });
      added += saved.length;
      linked += saved.filter((r) => r.customerId !== null).length;
    }
    return { added, skipped: numbers.length - added, linked };
  });
}

function toNumber(row: CampaignNumberRow): CampaignNumber {
  const ms = (d: Date | null) => (d ? d.getTime() : null);
  return {
    id: row.id,
    campaignId: row.campaignId,
    position: row.position,
    number: row.number,
    customerId: row.customerId,
    state: row.state as NumberState,
    attempts: row.attempts,
    nextAttemptAt: ms(row.nextAttemptAt),
    lastResult: row.lastResult,
    callId: row.callId,
    operatorId: row.operatorId,
    answeredAt: ms(row.answeredAt),
    endedAt: ms(row.endedAt),
  };
}

export async function listCampaignNumbers(
  db: Db,
  tenantId: string,
  campaignId: string,
  page: { limit?: number; offset?: number; state?: NumberState } = {},
): Promise<CampaignNumber[]> {
  const where = [eq(campaignNumbers.tenantId, tenantId), eq(campaignNumbers.campaignId, campaignId)];
  if (page.state) where.push(eq(campaignNumbers.state, page.state));
  let query = db
    .select()
    .from(campaignNumbers)
    .where(and(...where))
    .orderBy(asc(campaignNumbers.position))
    .$dynamic();
  if (page.limit !== undefined) query = query.limit(page.limit);
  if (page.offset !== undefined) query = query.offset(page.offset);
  return (await query).map(toNumber);
}

/** Writes a number's whole state (the dialer's write-through). */
export async function saveCampaignNumber(db: Db, tenantId: string, n: CampaignNumber): Promise<void> {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  await db
    .update(campaignNumbers)
    .set({
      state: n.state,
      attempts: n.attempts,
      nextAttemptAt: at(n.nextAttemptAt),
      lastResult: n.lastResult,
      callId: n.callId,
      operatorId: n.operatorId,
      answeredAt: at(n.answeredAt),
      endedAt: at(n.endedAt),
      updatedAt: sql`now()`,
    })
    .where(and(eq(campaignNumbers.tenantId, tenantId), eq(campaignNumbers.id, n.id)));
}

/** Every answer given in the campaign (stored under its name), oldest first. */
export async function campaignAnswers(
  db: Db,
  tenantId: string,
  campaignName: string,
): Promise<SurveyAnswer[]> {
  return db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.tenantId, tenantId), eq(surveyAnswers.survey, campaignName)))
    .orderBy(asc(surveyAnswers.at), asc(surveyAnswers.id));
}
