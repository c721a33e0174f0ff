/**
 * Keeps the AcdCoordinator (coordinator.ts) in step with a routing core: each operator's coordinator
 * operations run one after another, so a claim always comes after the state change that allowed it.
 */
import type { Logger } from '../logger.ts';
import type { TenantAcd } from './acd-service.ts';
import type { AcdCoordinator } from './coordinator.ts';
import type { StateChange } from './state-log.ts';

export class CoordinatorSync {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly coordinator: AcdCoordinator,
    private readonly logger: Logger,
    private readonly track: <T>(work: Promise<T>) => Promise<T>,
  ) {}

  /**
   * A state change of the core. Busy comes from the claim itself; a change caused by a call (its
   * wrap-up, its end, a cancelled offer) releases that call; any other is a plain state change.
   */
  state(t: TenantAcd, change: StateChange): void {
    const op = t.core.operators.get(change.operatorId);
    if (!op || change.to === 'Busy') return;
    const takes = t.core.operators.available(op);
    const callId = change.callId;
    // The workplace goes along: another process rings the operator by it (cluster.ts).
    const workplace = { extension: op.extension, endpoint: op.endpoint };
    void this.operator<unknown>(t.name, op.id, () =>
      callId
        ? this.coordinator.release(t.name, op.id, callId, op.state, takes, workplace)
        : this.coordinator.setOperatorState(t.name, op.id, op.state, takes, workplace),
    ).catch((error) =>
      this.logger.log('error', 'ACD: coordinator state sync failed', {
        operator: op.id,
        error: String(error),
      }),
    );
  }

  /** Runs `fn` after every earlier coordinator operation of this operator. */
  operator<T>(tenant: string, operatorId: string, fn: () => Promise<T>): Promise<T> {
    const key = `${tenant}\u0000${operatorId}`;
    const next: Promise<T> = (this.chains.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = next.catch(() => {});
    this.chains.set(key, tail);
    void tail.then(() => this.chains.get(key) === tail && this.chains.delete(key));
    return this.track(next);
  }
}
