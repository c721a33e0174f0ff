import { describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../../runtime/store/queries/audit.ts';
import {
  changeOperatorState,
  ensureOperator,
  listOperators,
  listQueues,
  operatorStateHistory,
  setOperatorSkill,
  upsertQueue,
} from '../../../runtime/store/queries/operators.ts';
import {
  addMembership,
  createUser,
  issueToken,
  listMembers,
  revokeToken,
  rolesOf,
  tenantsOf,
  verifyPassword,
  verifyToken,
} from '../../../runtime/store/queries/tenants-users.ts';
import type { StoreContext } from '../db-fixture.ts';
import { TENANT_A, TENANT_B, twoTenants } from '../store-test-data.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

export function userOperatorCases(ctx: StoreContext): void {
  describe('users, roles and tokens', () => {
    it('signs in with the right password only and stores an argon2id hash', async () => {
      await twoTenants(ctx.db);
      const user = await createUser(ctx.db, {
        email: ' Admin@ABC.example ',
        displayName: 'Admin',
        password: 's3cret!',
      });
      expect(user.email).toBe('admin@abc.example');
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect((await verifyPassword(ctx.db, 'admin@abc.example', 's3cret!'))?.id).toBe(user.id);
      expect(await verifyPassword(ctx.db, 'admin@abc.example', 'wrong')).toBeNull();
      expect(await verifyPassword(ctx.db, 'nobody@abc.example', 's3cret!')).toBeNull();
    });

    it('gives roles per tenant', async () => {
      await twoTenants(ctx.db);
      const user = await createUser(ctx.db, { email: 'sv@x.example', displayName: 'Sv', password: 'p' });
      await addMembership(ctx.db, TENANT_A, user.id, 'supervisor');
      await addMembership(ctx.db, TENANT_A, user.id, 'operator');
      await addMembership(ctx.db, TENANT_A, user.id, 'operator');
      await addMembership(ctx.db, TENANT_B, user.id, 'analyst');
      expect(await rolesOf(ctx.db, TENANT_A, user.id)).toEqual(['supervisor', 'operator']);
      expect(await tenantsOf(ctx.db, user.id)).toEqual([
        { tenantId: TENANT_A, roles: ['supervisor', 'operator'] },
        { tenantId: TENANT_B, roles: ['analyst'] },
      ]);
      expect((await listMembers(ctx.db, TENANT_B)).map((m) => [m.email, m.roles])).toEqual([
        ['sv@x.example', ['analyst']],
      ]);
    });

    it('accepts a token until it expires or is revoked, and stores only its hash', async () => {
      await twoTenants(ctx.db);
      const user = await createUser(ctx.db, { email: 'a@x.example', displayName: 'A', password: 'p' });
      await addMembership(ctx.db, TENANT_A, user.id, 'admin');
      const session = await issueToken(ctx.db, TENANT_A, {
        userId: user.id,
        kind: 'session',
        ttlMs: 3_600_000,
        now: T0,
      });
      expect(session.record.tokenHash).not.toContain(session.token);
      expect(await verifyToken(ctx.db, session.token, at(59))).toMatchObject({
        tenantId: TENANT_A,
        userId: user.id,
        roles: ['admin'],
      });
      expect(await verifyToken(ctx.db, session.token, at(61))).toBeNull();
      expect(await verifyToken(ctx.db, `${session.token}x`, at(1))).toBeNull();

      const api = await issueToken(ctx.db, TENANT_A, { userId: user.id, kind: 'api', name: 'CI', now: T0 });
      expect(await verifyToken(ctx.db, api.token, at(60 * 24 * 365))).not.toBeNull();
      expect(await revokeToken(ctx.db, TENANT_B, api.record.id)).toBe(false); // not B's token
      expect(await revokeToken(ctx.db, TENANT_A, api.record.id)).toBe(true);
      expect(await verifyToken(ctx.db, api.token, at(1))).toBeNull();
    });
  });

  describe('operators, states and skills', () => {
    it('logs every state change with its time and keeps the extension while logged in', async () => {
      await twoTenants(ctx.db);
      const user = await createUser(ctx.db, { email: 'op@x.example', displayName: 'Оля', password: 'p' });
      const op = await ensureOperator(ctx.db, TENANT_A, user.id, T0);
      expect(op.state).toBe('LoggedOut');
      await changeOperatorState(ctx.db, TENANT_A, op.id, { to: 'Ready', extension: '201', at: at(1) });
      await changeOperatorState(ctx.db, TENANT_A, op.id, { to: 'Lunch', reason: 'обед', at: at(60) });
      expect(await changeOperatorState(ctx.db, TENANT_A, op.id, { to: 'Lunch', at: at(61) })).toBeNull();
      await changeOperatorState(ctx.db, TENANT_A, op.id, { to: 'LoggedOut', at: at(120) });

      const history = await operatorStateHistory(ctx.db, TENANT_A, {
        from: T0,
        to: at(200),
        operatorId: op.id,
      });
      expect(history.map((h) => [h.fromState, h.toState, h.at.toISOString()])).toEqual([
        ['LoggedOut', 'Ready', at(1).toISOString()],
        ['Ready', 'Lunch', at(60).toISOString()],
        ['Lunch', 'LoggedOut', at(120).toISOString()],
      ]);
      expect(history[1].reason).toBe('обед');
      const [view] = await listOperators(ctx.db, TENANT_A);
      expect(view).toMatchObject({ state: 'LoggedOut', extension: null, displayName: 'Оля' });
      expect(await operatorStateHistory(ctx.db, TENANT_B, { from: T0, to: at(200) })).toEqual([]);
      await expect(
        changeOperatorState(ctx.db, TENANT_B, op.id, { to: 'Ready', at: at(130) }),
      ).rejects.toMatchObject({ code: 'not-found' });
    });

    it('gives operators skills with levels and keeps queues per tenant', async () => {
      await twoTenants(ctx.db);
      const user = await createUser(ctx.db, { email: 'op2@x.example', displayName: 'Op', password: 'p' });
      const op = await ensureOperator(ctx.db, TENANT_A, user.id, T0);
      await setOperatorSkill(ctx.db, TENANT_A, op.id, 'internet', 3);
      await setOperatorSkill(ctx.db, TENANT_A, op.id, 'billing', 7);
      await setOperatorSkill(ctx.db, TENANT_A, op.id, 'internet', 9);
      expect((await listOperators(ctx.db, TENANT_A))[0].skills).toEqual([
        { name: 'billing', level: 7 },
        { name: 'internet', level: 9 },
      ]);
      await expect(setOperatorSkill(ctx.db, TENANT_B, op.id, 'x', 1)).rejects.toMatchObject({
        code: 'not-found',
      });

      await upsertQueue(ctx.db, TENANT_A, 'general', { wrapUp: '30s' });
      await upsertQueue(ctx.db, TENANT_A, 'general', { wrapUp: '45s' });
      expect((await listQueues(ctx.db, TENANT_A)).map((q) => [q.name, q.config])).toEqual([
        ['general', { wrapUp: '45s' }],
      ]);
      expect(await listQueues(ctx.db, TENANT_B)).toEqual([]);
    });
  });

  describe('audit log', () => {
    it('lists a tenant’s entries newest first, filtered by action', async () => {
      await twoTenants(ctx.db);
      await recordAudit(ctx.db, TENANT_A, { action: 'user.add', target: 'user:a', at: at(1) });
      await recordAudit(ctx.db, TENANT_A, { action: 'number.bind', target: 'number:0800300400', at: at(2) });
      await recordAudit(ctx.db, TENANT_B, { action: 'user.add', target: 'user:b', at: at(3) });
      expect((await listAudit(ctx.db, TENANT_A)).map((e) => e.target)).toEqual([
        'number:0800300400',
        'user:a',
      ]);
      expect((await listAudit(ctx.db, TENANT_A, { action: 'user.add' })).map((e) => e.target)).toEqual([
        'user:a',
      ]);
      expect((await listAudit(ctx.db, TENANT_B)).map((e) => e.target)).toEqual(['user:b']);
    });
  });
}
