/** Small builders for store tests: tenants, flow versions and finished calls. */
import type { CallRecord } from '../../runtime/call-log.ts';
import type { Db } from '../../runtime/store/database.ts';
import type { SaveVersionInput } from '../../runtime/store/queries/flows.ts';
import { upsertTenant } from '../../runtime/store/queries/tenants-users.ts';

export const TENANT_A = 'tenant-a';
export const TENANT_B = 'tenant-b';

export async function twoTenants(db: Db): Promise<void> {
  await upsertTenant(db, { id: TENANT_A, name: 'Tenant A' });
  await upsertTenant(db, { id: TENANT_B, name: 'Tenant B' });
}

/** A version as the compiler would hand it over (the code need not run here). */
export function versionInput(flow: string, source: string, authorId: string | null = null): SaveVersionInput {
  return {
    flow,
    source,
    compiledCode: `globalThis.__flows[${JSON.stringify(flow)}] = {}; // ${source.length} chars`,
    sourceMap: { version: 3, file: 'flow.js', sources: ['flow.cf'], names: [], mappings: 'AAAA' },
    meta: { id: flow, name: flow, answers: [] },
    diagnostics: [],
    authorId,
  };
}

let seq = 0;

export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  seq++;
  const started = Date.parse('2026-03-02T09:00:00Z') + seq * 1_000;
  return {
    callId: `call-${seq}`,
    tenant: TENANT_A,
    caller: '+380501234567',
    callerName: null,
    dialled: '0800300400',
    flowId: 'support#abc',
    flowName: 'support',
    flowVersion: 1,
    startedAt: new Date(started).toISOString(),
    answeredAt: new Date(started + 500).toISOString(),
    endedAt: new Date(started + 60_000).toISOString(),
    steps: ['main', 'balance'],
    keys: ['3', '123456#', '••••#'],
    queue: null,
    operator: null,
    outcome: 'completed',
    endedBy: 'flow',
    recording: null,
    transfers: [],
    custom: {},
    errors: [],
    ...overrides,
  };
}
