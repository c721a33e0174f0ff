/**
 * What every request handler can reach: the dependencies wired in wire.ts (`deps`), who is asking
 * (`identity`, set by `authenticate`), the tenant and the caller's roles in it (`tenant`, set by
 * `requireRole`) and the validated input (`input`, set by `validate`).
 */
import type { AcdService } from '../../runtime/acd/acd-service.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { Dialer } from '../../runtime/dialer/dialer.ts';
import type { Logger } from '../../runtime/logger.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import type { Db } from '../../runtime/store/database.ts';
import type { Role, TokenKind } from '../../runtime/store/schema/tenants-users.ts';
import type { SimControl } from '../../telephony/simulator/control.ts';
import type { ServerConfig } from './config.ts';
import type { DeploymentSync } from './hot-deploy/deployment-sync.ts';
import type { LiveEvents } from './live/live-events.ts';
import type { SimulatedCalls } from './live/simulated-calls.ts';

export interface AppDeps {
  db: Db;
  runtime: Runtime;
  /** The PBX simulator's control API; absent when the runtime talks to a real Asterisk. */
  simulatorControl?: SimControl;
  clock: Clock;
  config: ServerConfig;
  logger: Logger;
  /** Applies store deployments to this process's runtime (hot deploy, decision 6). */
  deployments: DeploymentSync;
  /** Per-tenant live events for the WebSocket. */
  live: LiveEvents;
  /** Calls placed from the studio's call simulator; null without a simulator. */
  simulatedCalls: SimulatedCalls | null;
  acd?: AcdService;
  /** Outbound survey campaigns; absent when the server runs none. */
  dialer?: Dialer;
}

export interface Identity {
  userId: string;
  email: string;
  displayName: string;
  tokenId: string;
  tokenKind: TokenKind;
  /** The tenant the token was issued in; API tokens work only there. */
  tokenTenant: string;
  via: 'cookie' | 'bearer';
}

export interface TenantAccess {
  id: string;
  roles: Role[];
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    identity: Identity | undefined;
    tenant: TenantAccess | undefined;
    input: unknown;
  };
}
