/**
 * Dialled numbers (DNIS). A number belongs to one tenant in the whole installation; deploying a flow
 * claims the numbers its `answers` header lists. Admins can claim a number for a flow ahead of a
 * deployment, or release one. Calls are routed by the active version's `answers`.
 */
import { z } from 'zod';
import { recordAudit } from '../../../runtime/store/queries/audit.ts';
import {
  bindNumber,
  getFlow,
  listActiveVersions,
  listNumbers,
  unbindNumber,
} from '../../../runtime/store/queries/flows.ts';
import { StoreError } from '../../../runtime/store/store-error.ts';
import { ApiError, notFound } from '../api-error.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import type { RouteRegistry } from '../route-registry.ts';
import { pathParam } from '../validate.ts';

export const DialledNumber = z
  .string()
  .regex(/^\+?[0-9*#]{2,20}$/, 'a dialled number: digits, optionally a leading +');
const BindBody = z.strictObject({ flow: z.string().min(1).max(200) });

export function numberRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'numbers');

  group.get(
    '/numbers',
    { summary: 'The tenant’s numbers and the flow each starts', access: { roles: ROLE_SETS.flowReaders } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const [numbers, active] = await Promise.all([listNumbers(db, tenant), listActiveVersions(db, tenant)]);
      const versionOf = new Map(active.map((a) => [a.flowName, a.version.number]));
      return c.json({
        numbers: numbers.map((n) => ({ ...n, activeVersion: versionOf.get(n.flowName) ?? null })),
      });
    },
  );

  group.put(
    '/numbers/:number',
    { summary: 'Claim a number for a flow', access: { roles: ROLE_SETS.admins }, body: BindBody },
    async (c, { body }) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const number = pathParam(c, 'number', DialledNumber, ['Number', 'Номер']);
      if (!(await getFlow(db, tenant, body.flow)))
        throw notFound(`Flow "${body.flow}"`, `Поток «${body.flow}»`);
      try {
        await bindNumber(db, tenant, number, body.flow);
      } catch (error) {
        if (error instanceof StoreError && error.code === 'conflict') {
          throw new ApiError(
            409,
            'number-taken',
            `Number ${number} is not available to this tenant.`,
            `Номер ${number} недоступен этому клиенту.`,
          );
        }
        throw error;
      }
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'number.bind',
        target: `number:${number}`,
        details: { flow: body.flow },
      });
      return c.json({ number, flow: body.flow });
    },
  );

  group.delete(
    '/numbers/:number',
    { summary: 'Release a number', access: { roles: ROLE_SETS.admins } },
    async (c) => {
      const { db } = c.var.deps;
      const tenant = tenantOf(c).id;
      const number = pathParam(c, 'number', DialledNumber, ['Number', 'Номер']);
      if (!(await unbindNumber(db, tenant, number))) throw notFound(`Number ${number}`, `Номер ${number}`);
      await recordAudit(db, tenant, {
        userId: identityOf(c).userId,
        action: 'number.unbind',
        target: `number:${number}`,
      });
      return c.json({ number, released: true });
    },
  );

  return group;
}
