/**
 * Operators and queues. Supervisors (and admins) read every operator's state and the live queue
 * figures; an operator reads and changes only their own state (log in at an extension, Ready, Lunch
 * …, log out). A state change goes to the ACD (which routes calls by it) and to the store's state
 * log (efficiency reports).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { AcdService } from '../../../runtime/acd/acd-service.ts';
import { AcdError } from '../../../runtime/acd/operator-roster.ts';
import {
  changeOperatorState,
  ensureOperator,
  LOGGED_OUT,
  listOperators,
  listQueues,
} from '../../../runtime/store/queries/operators.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import { getUser } from '../queries/users.ts';
import type { RouteRegistry } from '../route-registry.ts';

/**
 * One vocabulary from the API to the store: the ACD's state names (runtime/acd/operator-states.ts) —
 * Ready, NotReady, Lunch, Break, LoggedOut (Busy and WrapUp are the system's) or a tenant's own.
 */
const StateBody = z.strictObject({
  state: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a state name like Ready, NotReady, Lunch, Break or LoggedOut'),
  /** The workplace extension, needed when logging in. */
  extension: z
    .string()
    .regex(/^[0-9A-Za-z+*#._-]{1,40}$/)
    .optional(),
  reason: z.string().max(200).optional(),
});

export function operatorRoutes(registry: RouteRegistry) {
  const group = registry.group('/api/t/:tenant', 'operators');

  group.get(
    '/operators',
    { summary: 'Operators with their skills and live state', access: { roles: ROLE_SETS.supervisors } },
    async (c) => {
      const tenant = tenantOf(c).id;
      const acd = acdOf(c, tenant);
      const operators = await listOperators(c.var.deps.db, tenant);
      return c.json({ operators: operators.map((op) => ({ ...op, live: liveState(acd, tenant, op.id) })) });
    },
  );

  group.get(
    '/queues',
    {
      summary: 'Queues with their live figures (waiting, ready, longest wait …)',
      access: { roles: ROLE_SETS.supervisors },
    },
    async (c) => {
      const tenant = tenantOf(c).id;
      const acd = acdOf(c, tenant);
      const queues = await listQueues(c.var.deps.db, tenant);
      const names = new Set([...queues.map((q) => q.name), ...(acd?.core(tenant).queueNames() ?? [])]);
      return c.json({
        queues: [...names].sort().map((name) => ({
          name,
          config: queues.find((q) => q.name === name)?.config ?? null,
          live: acd?.core(tenant).queue(name) ? acd.core(tenant).snapshot(name) : null,
        })),
      });
    },
  );

  group.get(
    '/me/operator',
    { summary: 'Your own operator state', access: { roles: ROLE_SETS.operators } },
    async (c) => {
      const tenant = tenantOf(c).id;
      const row = await ensureOperator(
        c.var.deps.db,
        tenant,
        identityOf(c).userId,
        new Date(c.var.deps.clock.now()),
      );
      return c.json({
        id: row.id,
        state: row.state,
        extension: row.extension,
        since: row.stateSince,
        live: liveState(acdOf(c, tenant), tenant, row.id),
      });
    },
  );

  group.put(
    '/me/operator/state',
    {
      summary: 'Change your own state (log in with an extension)',
      access: { roles: ROLE_SETS.operators },
      body: StateBody,
    },
    async (c, { body }) => {
      const { db, clock } = c.var.deps;
      const tenant = tenantOf(c).id;
      const identity = identityOf(c);
      const row = await ensureOperator(db, tenant, identity.userId, new Date(clock.now()));
      const acd = acdOf(c, tenant);
      if (acd) {
        // The ACD routes by the state and writes every change (its own too) to the store's state log.
        const user = await getUser(db, identity.userId);
        applyToAcd(acd, tenant, row.id, user?.displayName ?? identity.email, body);
      } else {
        await changeOperatorState(db, tenant, row.id, {
          to: body.state,
          reason: body.reason ?? 'operator',
          at: new Date(clock.now()),
          extension: body.extension ?? null,
        });
      }
      return c.json({ id: row.id, state: body.state, live: liveState(acd, tenant, row.id) });
    },
  );

  return group;
}

function acdOf(c: Context<AppEnv>, tenant: string): AcdService | null {
  const acd = c.var.deps.acd;
  if (!acd) return null;
  try {
    acd.core(tenant);
    return acd;
  } catch {
    return null; // no ACD configured for this tenant
  }
}

function liveState(acd: AcdService | null, tenant: string, operatorId: string) {
  const op = acd?.core(tenant).operators.get(operatorId);
  return op ? { state: op.state, since: op.stateSince, extension: op.extension, callId: op.callId } : null;
}

function applyToAcd(
  acd: AcdService,
  tenant: string,
  operatorId: string,
  name: string,
  body: z.output<typeof StateBody>,
): void {
  const core = acd.core(tenant);
  try {
    if (!core.operators.get(operatorId))
      acd.upsertOperator(tenant, { id: operatorId, name, queues: core.queueNames() });
    if (body.state === LOGGED_OUT) {
      acd.logOut(tenant, operatorId, body.reason);
      return;
    }
    if (core.operators.get(operatorId)?.endpoint == null) {
      if (!body.extension) {
        throw new ApiError(
          422,
          'extension-required',
          'Log in with the extension of your workplace.',
          'Войдите с номером своего рабочего места.',
        );
      }
      acd.logIn(tenant, operatorId, body.extension);
    }
    acd.setState(tenant, operatorId, body.state, body.reason);
  } catch (error) {
    if (error instanceof AcdError) throw new ApiError(409, `acd-${error.code}`, error.message, error.message);
    throw error;
  }
}
