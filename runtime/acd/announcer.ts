/**
 * Queue announcements for one waiting caller: the first as soon as the caller has to wait (seed 001:
 * «Все операторы на линии заняты. Приблизительное время ожидания …»), then every `announceEvery`
 * after the previous one ended, each with the current position and estimated wait. None starts while
 * an operator's phone rings (the caller may be connected any moment); it is put off a little instead.
 * The prompt plays on the caller's channel inside the holding bridge (see acd-service.ts for why).
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { AcdCall } from './acd-call.ts';
import type { TenantAcd } from './acd-service.ts';

/** How long an announcement due while an operator's phone rings is put off. */
const RING_POSTPONE_MS = 5_000;

export class Announcer {
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  schedule(t: TenantAcd, call: AcdCall, delayMs: number): void {
    const every = call.awaited ? call.request.announceEveryMs : t.core.queue(call.queue)!.announceEveryMs;
    if (!call.request.announce || !every) return;
    this.clock.clearTimer(call.announceTimer);
    call.announceTimer = this.clock.setTimer(delayMs, () => {
      call.announceTimer = null;
      void this.announce(t, call, every);
    });
  }

  private async announce(t: TenantAcd, call: AcdCall, every: number): Promise<void> {
    if (call.phase === 'ringing') return this.schedule(t, call, Math.min(every, RING_POSTPONE_MS));
    const estimate = t.core.waitEstimate(call.request.callId);
    if (call.phase !== 'waiting' || !estimate || !call.request.announce) return;
    const info = { position: estimate.position, ewtMinutes: estimate.estimateMs / 60_000 };
    call.request.onEvent?.({ type: 'announcement', ...info });
    await call.holding;
    const abort = new AbortController();
    call.announcing = abort;
    try {
      await call.request.announce(info, abort.signal);
    } catch (error) {
      this.logger.log('warn', 'ACD: announcement failed', {
        callId: call.request.callId,
        error: String(error),
      });
    }
    if (call.announcing === abort) call.announcing = null;
    if (call.phase === 'waiting' || call.phase === 'ringing') this.schedule(t, call, every);
  }
}
