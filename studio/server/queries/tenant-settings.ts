/**
 * What the server keeps in `tenants.settings` (jsonb) until the store has tables for it:
 *
 *   settings.workspace          the tenant's workspace config (queues, data sources, calendars …),
 *                               what flows are checked against and the runtime is configured with
 *   settings.drafts[<flow>]     the analyst's unsaved-to-a-version source of a flow
 *
 * Each write touches one key with jsonb_set / ||, so two writers of different keys never clobber
 * each other. Deployed versions live in flow_versions, never here.
 */
import { eq, sql } from 'drizzle-orm';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';
import type { Db } from '../../../runtime/store/database.ts';
import { tenants } from '../../../runtime/store/schema/tenants-users.ts';

export interface Draft {
  source: string;
  savedAt: string;
  savedBy: string | null;
}

async function settingsOf(db: Db, tenantId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  return row ? row.settings : null;
}

/** The stored workspace JSON (as written), or {} when none is stored. */
export async function workspaceJson(db: Db, tenantId: string): Promise<Record<string, unknown>> {
  const settings = await settingsOf(db, tenantId);
  const raw = settings?.workspace;
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** The tenant's workspace, its `tenant` field forced to the tenant's id. */
export async function tenantWorkspace(db: Db, tenantId: string): Promise<Workspace> {
  const parsed = parseWorkspace({ ...(await workspaceJson(db, tenantId)), tenant: tenantId });
  if (parsed.ok) return parsed.workspace;
  // Only writes through saveWorkspaceJson reach the store, and they are validated: this is damage.
  throw new Error(`the stored workspace of tenant ${tenantId} is invalid: ${parsed.errors.join('; ')}`);
}

/** Validates and stores the workspace; returns the errors instead when it is invalid. */
export async function saveWorkspaceJson(
  db: Db,
  tenantId: string,
  json: Record<string, unknown>,
): Promise<string[]> {
  const parsed = parseWorkspace({ ...json, tenant: tenantId });
  if (!parsed.ok) return parsed.errors;
  const value = JSON.stringify({ ...json, tenant: tenantId });
  await db
    .update(tenants)
    .set({ settings: sql`jsonb_set(${tenants.settings}, '{workspace}', ${value}::jsonb, true)` })
    .where(eq(tenants.id, tenantId));
  return [];
}

export async function getDraft(db: Db, tenantId: string, flow: string): Promise<Draft | null> {
  const drafts = (await settingsOf(db, tenantId))?.drafts as Record<string, Draft> | undefined;
  return drafts?.[flow] ?? null;
}

/** Flow name → when its draft was saved and by whom (no sources: a list stays small). */
export async function listDrafts(db: Db, tenantId: string): Promise<Record<string, Omit<Draft, 'source'>>> {
  const drafts = ((await settingsOf(db, tenantId))?.drafts ?? {}) as Record<string, Draft>;
  return Object.fromEntries(
    Object.entries(drafts).map(([flow, { savedAt, savedBy }]) => [flow, { savedAt, savedBy }]),
  );
}

export async function saveDraft(db: Db, tenantId: string, flow: string, draft: Draft): Promise<void> {
  await db
    .update(tenants)
    .set({
      settings: sql`jsonb_set(${tenants.settings}, '{drafts}',
        coalesce(${tenants.settings}->'drafts', '{}'::jsonb) || jsonb_build_object(${flow}::text, ${JSON.stringify(draft)}::jsonb), true)`,
    })
    .where(eq(tenants.id, tenantId));
}
