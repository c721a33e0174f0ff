import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../runtime/store/queries/audit.ts';
import {
  activateVersion,
  activeVersionForNumber,
  bindNumber,
  getVersion,
  listActiveVersions,
  listDeployments,
  listFlows,
  listNumbers,
  listVersions,
  resolveDialledNumber,
  rollbackFlow,
  saveVersion,
} from '../../../runtime/store/queries/flows.ts';
import { flowVersions } from '../../../runtime/store/schema/flows.ts';
import { StoreError } from '../../../runtime/store/store-error.ts';
import type { StoreContext } from '../db-fixture.ts';
import { TENANT_A, TENANT_B, twoTenants, versionInput } from '../store-test-data.ts';

/** drizzle wraps the driver's error; the database's message is on `cause`. */
function causeMessage(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return e.cause?.message ?? e.message ?? '';
}

export function flowCases(ctx: StoreContext): void {
  describe('flow versions', () => {
    it('numbers versions 1, 2, 3 per flow and keeps source, code and hash', async () => {
      await twoTenants(ctx.db);
      const v1 = await saveVersion(ctx.db, TENANT_A, versionInput('support', 'say "one"'));
      const v2 = await saveVersion(ctx.db, TENANT_A, versionInput('support', 'say "two"'));
      const other = await saveVersion(ctx.db, TENANT_A, versionInput('survey', 'say "survey"'));
      expect([v1.number, v2.number, other.number]).toEqual([1, 2, 1]);
      const stored = await getVersion(ctx.db, TENANT_A, 'support', 2);
      expect(stored?.source).toBe('say "two"');
      expect(stored?.sourceMap).toEqual(versionInput('x', '').sourceMap);
      expect(stored?.sourceHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await listVersions(ctx.db, TENANT_A, 'support')).map((v) => v.number)).toEqual([2, 1]);
    });

    it('refuses an UPDATE of a stored version, through drizzle and through plain SQL', async () => {
      await twoTenants(ctx.db);
      const v1 = await saveVersion(ctx.db, TENANT_A, versionInput('support', 'say "original"'));
      const viaDrizzle = await ctx.db
        .update(flowVersions)
        .set({ source: 'say "tampered"' })
        .where(sql`${flowVersions.id} = ${v1.id}`)
        .catch((e: Error) => e);
      const viaSql = await ctx.db
        .execute(sql.raw(`update flow_versions set compiled_code = 'evil()' where id = '${v1.id}'`))
        .catch((e: Error) => e);
      for (const error of [viaDrizzle, viaSql]) {
        expect(error).toBeInstanceOf(Error);
        expect(causeMessage(error)).toMatch(/flow versions are immutable/);
      }
      const stored = await getVersion(ctx.db, TENANT_A, 'support', 1);
      expect(stored?.source).toBe('say "original"');
      expect(stored?.compiledCode).toBe(v1.compiledCode);
    });
  });

  describe('deploy and rollback', () => {
    it('activates a version, moves the pointer on the next deploy, and rolls back in one step', async () => {
      await twoTenants(ctx.db);
      for (const text of ['v1', 'v2', 'v3'])
        await saveVersion(ctx.db, TENANT_A, versionInput('support', text));
      await bindNumber(ctx.db, TENANT_A, '0800300400', 'support');

      await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
      expect((await activeVersionForNumber(ctx.db, TENANT_A, '0800300400'))?.version.number).toBe(1);
      const third = await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 3 });
      expect(third.previous).toBe(1);
      expect((await resolveDialledNumber(ctx.db, '0800300400'))?.version.source).toBe('v3');

      const back = await rollbackFlow(ctx.db, TENANT_A, 'support');
      expect(back.version.number).toBe(1);
      expect(back.deployment.kind).toBe('rollback');
      expect((await activeVersionForNumber(ctx.db, TENANT_A, '0800300400'))?.version.number).toBe(1);

      const history = await listDeployments(ctx.db, TENANT_A, 'support');
      expect(history.map((d) => [d.versionNumber, d.kind, d.active])).toEqual([
        [1, 'rollback', true],
        [3, 'deploy', false],
        [1, 'deploy', false],
      ]);
      const versions = await listVersions(ctx.db, TENANT_A, 'support');
      expect(versions.filter((v) => v.active).map((v) => v.number)).toEqual([1]);
      const audit = await listAudit(ctx.db, TENANT_A);
      expect(audit.map((a) => a.action)).toEqual(['flow.rollback', 'flow.deploy', 'flow.deploy']);
    });

    it('refuses to activate an unknown version and leaves the active one in place', async () => {
      await twoTenants(ctx.db);
      await saveVersion(ctx.db, TENANT_A, versionInput('support', 'v1'));
      await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
      const error = await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 7 }).catch((e) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error.code).toBe('not-found');
      expect(error.messageRu).toContain('версия 7');
      expect((await listActiveVersions(ctx.db, TENANT_A)).map((a) => a.version.number)).toEqual([1]);
    });

    it('has nothing to roll back to after the first deployment', async () => {
      await twoTenants(ctx.db);
      await saveVersion(ctx.db, TENANT_A, versionInput('support', 'v1'));
      await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
      await expect(rollbackFlow(ctx.db, TENANT_A, 'support')).rejects.toMatchObject({ code: 'conflict' });
    });
  });

  describe('tenant isolation of flows and numbers', () => {
    it('tenant B sees none of tenant A flows, versions, numbers or active versions', async () => {
      await twoTenants(ctx.db);
      await saveVersion(ctx.db, TENANT_A, versionInput('support', 'secret routing of A'));
      await activateVersion(ctx.db, TENANT_A, { flow: 'support', version: 1 });
      await bindNumber(ctx.db, TENANT_A, '0800300400', 'support');

      expect(await listFlows(ctx.db, TENANT_B)).toEqual([]);
      expect(await listVersions(ctx.db, TENANT_B, 'support')).toEqual([]);
      expect(await getVersion(ctx.db, TENANT_B, 'support', 1)).toBeNull();
      expect(await listNumbers(ctx.db, TENANT_B)).toEqual([]);
      expect(await listActiveVersions(ctx.db, TENANT_B)).toEqual([]);
      expect(await activeVersionForNumber(ctx.db, TENANT_B, '0800300400')).toBeNull();
      await expect(activateVersion(ctx.db, TENANT_B, { flow: 'support', version: 1 })).rejects.toMatchObject({
        code: 'not-found',
      });
      expect((await listFlows(ctx.db, TENANT_A)).map((f) => f.name)).toEqual(['support']);
    });

    it('refuses to bind a number another tenant owns', async () => {
      await twoTenants(ctx.db);
      await bindNumber(ctx.db, TENANT_A, '0800300400', 'support');
      await expect(bindNumber(ctx.db, TENANT_B, '0800300400', 'hijack')).rejects.toMatchObject({
        code: 'conflict',
      });
      expect((await resolveDialledNumber(ctx.db, '0800300400'))?.tenantId ?? TENANT_A).toBe(TENANT_A);
      expect(await listNumbers(ctx.db, TENANT_A)).toEqual([{ number: '0800300400', flowName: 'support' }]);
    });
  });
}
