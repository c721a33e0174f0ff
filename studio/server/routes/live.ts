/**
 * Live events over a WebSocket: GET /api/ws?tenant=<id> with the session cookie (the studio) or a
 * bearer header (other clients). One socket follows one tenant and receives what the caller's roles
 * may see (live/live-events.ts): calls, simulated calls, deployments, queues and operator states,
 * import progress. Every message is JSON with a `kind`; the first is `hello`. Send `ping` for `pong`.
 */

import { upgradeWebSocket } from '@hono/node-server';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import { identityOf } from '../auth/authenticate.ts';
import { ROLE_SETS, tenantOf } from '../auth/require-role.ts';
import type { LiveSubscriber } from '../live/live-events.ts';
import { operatorIdsOf } from '../queries/users.ts';
import type { RouteRegistry } from '../route-registry.ts';

const WsQuery = z.object({ tenant: z.string().min(1).max(100) });

export function liveRoutes(registry: RouteRegistry) {
  const group = registry.group('/api', 'live');

  group.get(
    '/ws',
    {
      summary: 'WebSocket of live events for one tenant (role-filtered)',
      access: { roles: ROLE_SETS.anyone },
      query: WsQuery,
      websocket: true,
      responses: { 101: 'Switching protocols' },
    },
    async (c) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new ApiError(
          426,
          'upgrade-required',
          'Open this URL as a WebSocket.',
          'Откройте этот адрес как WebSocket.',
        );
      }
      return openSocket(c);
    },
  );

  return group;
}

async function openSocket(c: Context<AppEnv>): Promise<Response> {
  const { live, db } = c.var.deps;
  const tenant = tenantOf(c);
  const identity = identityOf(c);
  const operatorIds = new Set(await operatorIdsOf(db, tenant.id, identity.userId));
  let unsubscribe: (() => void) | null = null;
  const upgrade = upgradeWebSocket(() => ({
    onOpen(_event, ws) {
      const subscriber: LiveSubscriber = {
        tenant: tenant.id,
        userId: identity.userId,
        roles: tenant.roles,
        operatorIds,
        send: (message) => ws.send(JSON.stringify(message)),
      };
      ws.send(JSON.stringify({ kind: 'hello', tenant: tenant.id, roles: tenant.roles }));
      unsubscribe = live.subscribe(subscriber);
    },
    onMessage(event, ws) {
      if (event.data === 'ping') ws.send(JSON.stringify({ kind: 'pong' }));
    },
    onClose() {
      unsubscribe?.();
    },
    onError() {
      unsubscribe?.();
    },
  }));
  const response = await upgrade(c, async () => {});
  return response ?? new Response(null, { status: 500 });
}
