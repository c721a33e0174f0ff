/**
 * The dialer (reference scenario item 7): runs outbound survey campaigns. Starting a campaign loads
 * its survey version and numbers; from then on it asks `nextDials` (pure) what to dial — at the
 * start, whenever a call ends, a number changes or an operator of the tenant changes state, and at
 * the time the decision names (the start time, the window's opening, the next retry) on the
 * injected clock. Each attempt runs in dial-attempt.ts. Pausing or stopping dials nothing new;
 * stopping also withdraws the calls still ringing; answered calls run to their end. Numbers are written through to the store as they change.
 *
 * Operators' scripts: `surveyCall(tenant, operatorId)` is the operator's latest survey call with its
 * script, `answer(...)` enters the customer's answers (and notes), stored with the customer at once.
 */
import { silentLogger } from '../logger.ts';
import type { CampaignNumber, CampaignStatus } from './campaign.ts';
import { CampaignRun } from './campaign-run.ts';
import { type AttemptHost, runAttempt } from './dial-attempt.ts';
import { type CampaignProgress, DialerError, type DialerEvent, type DialerOptions } from './dialer-types.ts';
import { loadSurvey } from './loaded-survey.ts';
import { nextDials } from './next-dials.ts';
import { attemptFailed, attemptWithdrawn } from './number-transitions.ts';
import { type OperatorAnswerResult, type OperatorAnswers, OperatorScripts } from './operator-scripts.ts';
import type { SurveyCall } from './survey-call.ts';

export class Dialer {
  private readonly runs = new Map<string, CampaignRun>();
  private readonly loading = new Map<string, Promise<CampaignRun>>();
  private readonly scripts: OperatorScripts;
  private readonly listeners = new Set<(event: DialerEvent) => void>();
  private readonly sessions = new Set<{ busy(): boolean }>();
  private readonly ticking = new Set<CampaignRun>();
  private readonly offAcd: () => void;
  private readonly host: AttemptHost;
  private closed = false;

  constructor(readonly options: DialerOptions) {
    this.scripts = new OperatorScripts(options.clock, options.answers);
    this.host = {
      options,
      update: (run, n, patch) => this.update(run, n, patch),
      connected: (run, call) => this.connected(run, call),
      saveAnswers: (tenant, rows) =>
        options.answers
          .save(tenant, rows)
          .catch((error: Error) =>
            this.log('error', 'dialer: could not store survey answers', { tenant, error }),
          ),
      watch: (session) => {
        this.sessions.add(session);
        return () => this.sessions.delete(session);
      },
    };
    this.offAcd =
      options.acd?.onEvent((event) => {
        if (event.type !== 'operator-state') return;
        for (const run of this.runs.values())
          if (run.tenant === event.tenant && run.campaign.mode === 'operator') this.schedule(run);
      }) ?? (() => {});
  }

  // ---- campaigns ------------------------------------------------------------------------------

  /** Starts (or resumes) a campaign: it dials from its start time, inside its window. */
  async start(tenant: string, campaignId: string): Promise<CampaignProgress> {
    const run = await this.load(tenant, campaignId);
    if (run.campaign.status === 'stopped' || run.campaign.status === 'completed') {
      throw new DialerError('finished', `campaign ${run.campaign.name} is ${run.campaign.status}`);
    }
    await this.setStatus(run, 'running');
    return this.control(run);
  }

  async pause(tenant: string, campaignId: string): Promise<CampaignProgress> {
    const run = await this.load(tenant, campaignId);
    if (run.campaign.status !== 'running' && run.campaign.status !== 'draft') return this.progressOf(run);
    await this.setStatus(run, 'paused');
    return this.control(run);
  }

  /**
   * Ends the campaign for good: nothing more is dialled, calls still ringing are withdrawn (they do
   * not count as attempts), answered calls finish.
   */
  async stop(tenant: string, campaignId: string): Promise<CampaignProgress> {
    const run = await this.load(tenant, campaignId);
    if (run.campaign.status !== 'completed') await this.setStatus(run, 'stopped');
    for (const endpoint of run.ringing) {
      void this.options.pbx.cancelOriginate?.(endpoint).catch((error: Error) =>
        this.logger().log('warn', 'dialer: could not withdraw a ringing call', {
          campaign: run.id,
          error: error.message,
        }),
      );
    }
    return this.control(run);
  }

  /** Numbers were added to the list in the store: take them in. */
  async numbersAdded(tenant: string, campaignId: string): Promise<void> {
    const run = this.runs.get(campaignId);
    if (!run || run.tenant !== tenant) return;
    for (const n of await this.options.store.numbers(tenant, campaignId)) {
      if (!run.numbers.has(n.id)) run.numbers.set(n.id, n);
    }
    this.tick(run);
  }

  /** The dialer's live view of a campaign it has in hand; null for one not running here (the store has it). */
  progress(tenant: string, campaignId: string): CampaignProgress | null {
    const run = this.runs.get(campaignId);
    return run && run.tenant === tenant ? this.progressOf(run) : null;
  }

  /** Picks up campaigns left running (a restart): call this once the PBX and the ACD are up. */
  async resume(): Promise<number> {
    let resumed = 0;
    for (const { tenant, id } of await this.options.store.running()) {
      try {
        await this.start(tenant, id);
        resumed++;
      } catch (error) {
        this.log('error', 'dialer: could not resume a campaign', { tenant, campaign: id, error });
      }
    }
    return resumed;
  }

  onEvent(listener: (event: DialerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True while store writes or host work of keypad calls are on their way (drivers of virtual time). */
  busy(): boolean {
    for (const run of this.runs.values()) if (run.pendingWrites > 0) return true;
    for (const session of this.sessions) if (session.busy()) return true;
    return false;
  }

  /** Resolves when every store write queued so far is done. */
  async flushed(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.flushed()));
  }

  /** Dials nothing more; calls in progress end by themselves. */
  close(): void {
    this.closed = true;
    this.offAcd();
    for (const run of this.runs.values()) this.options.clock.clearTimer(run.timer);
  }

  // ---- operators' scripts ---------------------------------------------------------------------

  /** The operator's latest survey call (with its script), while the dialer holds it. */
  surveyCall(tenant: string, operatorId: string): SurveyCall | null {
    return this.scripts.surveyCall(tenant, operatorId);
  }

  /** The customer's answers and notes as the operator enters them (operator-scripts.ts). */
  answer(tenant: string, operatorId: string, input: OperatorAnswers): Promise<OperatorAnswerResult> {
    return this.scripts.answer(tenant, operatorId, input);
  }

  // ---- internals ------------------------------------------------------------------------------

  private load(tenant: string, campaignId: string): Promise<CampaignRun> {
    const run = this.runs.get(campaignId);
    if (run) {
      if (run.tenant !== tenant) throw new DialerError('unknown-campaign', `no campaign ${campaignId}`);
      return Promise.resolve(run);
    }
    const key = `${tenant}\n${campaignId}`;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.loadNow(tenant, campaignId).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  private async loadNow(tenant: string, campaignId: string): Promise<CampaignRun> {
    const { store, runtime } = this.options;
    const campaign = await store.campaign(tenant, campaignId);
    if (!campaign) throw new DialerError('unknown-campaign', `no campaign ${campaignId}`);
    const flow = await this.options.loadSurvey(tenant, campaign.survey);
    const survey = await loadSurvey(runtime, tenant, flow).catch((error: Error) => {
      throw new DialerError('no-runtime-tenant', `the survey cannot run for ${tenant}: ${error.message}`);
    });
    const queue = campaign.mode === 'operator' ? campaign.queue : null;
    if (campaign.mode === 'operator' && !queue) {
      throw new DialerError('no-queue', `campaign ${campaign.name} names no queue for its operators`);
    }
    const run = new CampaignRun(campaign, survey, queue, await store.numbers(tenant, campaignId));
    this.runs.set(campaignId, run);
    // Attempts a previous process left unfinished: their calls are gone with it.
    const now = this.options.clock.now();
    for (const n of run.numbers.values()) {
      if (n.state === 'dialing') this.update(run, n, attemptWithdrawn(n, now));
      else if (n.state === 'answered')
        this.update(run, n, attemptFailed(n, 'abandoned', campaign.retry, now));
    }
    return run;
  }

  /** After a start, pause or stop: decide at once and say so. */
  private control(run: CampaignRun): CampaignProgress {
    this.tick(run);
    this.emitCampaign(run);
    return this.progressOf(run);
  }

  private async setStatus(run: CampaignRun, status: CampaignStatus): Promise<void> {
    run.campaign = { ...run.campaign, status };
    await run.write('the campaign status', this.logger(), () =>
      this.options.store.setStatus(run.tenant, run.id, status),
    );
  }

  /** Decides again soon (once per turn, however many events ask). */
  private schedule(run: CampaignRun): void {
    if (this.ticking.has(run)) return;
    this.ticking.add(run);
    queueMicrotask(() => {
      this.ticking.delete(run);
      this.tick(run);
    });
  }

  private tick(run: CampaignRun): void {
    const { clock } = this.options;
    clock.clearTimer(run.timer);
    run.timer = null;
    const decision = nextDials(
      run.campaign,
      run.numbers.values(),
      { readyOperators: this.ready(run) },
      clock.now(),
    );
    const changed = run.waiting !== decision.waiting;
    run.waiting = decision.waiting;
    run.wakeAt = decision.wakeAt;
    if (this.closed) return;
    for (const n of decision.dial) this.launch(run, n);
    if (decision.wakeAt !== null) {
      run.timer = clock.setTimer(Math.max(0, decision.wakeAt - clock.now()), () => this.tick(run));
    }
    if (decision.done && run.campaign.status === 'running') {
      void this.setStatus(run, 'completed').then(() => {
        this.emitCampaign(run);
        this.retire(run);
      });
      return;
    }
    if (changed) this.emitCampaign(run);
    this.retire(run);
  }

  /** A finished campaign with no call left is let go once stored (its numbers can be many). */
  private retire(run: CampaignRun): void {
    const finished = () =>
      (run.campaign.status === 'completed' || run.campaign.status === 'stopped') && run.liveCalls() === 0;
    if (!finished()) return;
    void run.flushed().then(() => {
      if (this.runs.get(run.id) !== run || !finished()) return;
      this.options.clock.clearTimer(run.timer);
      this.runs.delete(run.id);
    });
  }

  private launch(run: CampaignRun, n: CampaignNumber): void {
    runAttempt(this.host, run, n).catch((error: Error) => {
      this.log('error', 'dialer: an attempt failed', { campaign: run.id, number: n.number, error });
      if (n.state === 'dialing' || n.state === 'answered')
        this.update(run, n, attemptFailed(n, 'failed', run.campaign.retry, this.options.clock.now()));
    });
  }

  private ready(run: CampaignRun): number {
    if (run.campaign.mode !== 'operator' || !run.queue) return 0;
    const acd = this.options.acd;
    try {
      const core = acd?.core(run.tenant);
      return core?.queue(run.queue) ? core.snapshot(run.queue).ready : 0;
    } catch {
      return 0; // no ACD for this tenant
    }
  }

  private update(run: CampaignRun, n: CampaignNumber, patch: Partial<CampaignNumber>): void {
    Object.assign(n, patch);
    const saved = { ...n };
    void run.write(`number ${n.number}`, this.logger(), () =>
      this.options.store.saveNumber(run.tenant, saved),
    );
    this.emit({
      type: 'number',
      tenant: run.tenant,
      campaignId: run.id,
      number: saved,
      counts: run.counts(),
    });
    this.schedule(run);
  }

  private connected(run: CampaignRun, call: SurveyCall): void {
    this.scripts.connected(call);
    this.emit({
      type: 'survey-call',
      tenant: run.tenant,
      campaignId: run.id,
      operatorId: call.operatorId!,
      callId: call.callId,
    });
  }

  private progressOf(run: CampaignRun): CampaignProgress {
    return { campaign: { ...run.campaign }, counts: run.counts(), waiting: run.waiting, wakeAt: run.wakeAt };
  }

  private emitCampaign(run: CampaignRun): void {
    const { campaign } = run;
    this.emit({
      type: 'campaign',
      tenant: run.tenant,
      campaignId: run.id,
      status: campaign.status,
      waiting: run.waiting,
      counts: run.counts(),
    });
  }

  private emit(event: DialerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log('warn', 'dialer: an event listener failed', { error });
      }
    }
  }

  private logger() {
    return this.options.logger ?? silentLogger;
  }

  private log(level: 'warn' | 'error', message: string, fields: Record<string, unknown>): void {
    const error = fields.error;
    const detail = error instanceof Error ? { ...fields, error: error.message } : fields;
    this.logger().log(level, message, detail);
  }
}
