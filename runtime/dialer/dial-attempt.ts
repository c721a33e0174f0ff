/**
 * One attempt on one number, from the originate to the end of the conversation: ring the customer
 * through the tenant's dial string; no answer, busy or unreachable go to the retry policy; an
 * answered call runs the survey — on the keypad (automated) or with an operator (operator mode).
 * Every change of the number goes through the host, which stores it and decides what to dial next.
 */
import { randomUUID } from 'node:crypto';
import type { OriginateOutcome } from '../../telephony/pbx-port.ts';
import type { CampaignNumber } from './campaign.ts';
import type { CampaignRun } from './campaign-run.ts';
import type { DialerOptions, SurveyAnswerRow } from './dialer-types.ts';
import { keypadSurvey } from './keypad-call.ts';
import { numberEndpoint } from './number-endpoint.ts';
import { attemptAnswered, attemptFailed, attemptStarted, attemptWithdrawn } from './number-transitions.ts';
import { operatorSurvey } from './operator-call.ts';
import type { SurveyCall } from './survey-call.ts';

export interface AttemptHost {
  readonly options: DialerOptions;
  /** Applies a change to the number, stores it, tells listeners and looks for what to dial next. */
  update(run: CampaignRun, n: CampaignNumber, patch: Partial<CampaignNumber>): void;
  /** An operator took an operator-mode call: their script is ready. */
  connected(run: CampaignRun, call: SurveyCall): void;
  saveAnswers(tenant: string, rows: SurveyAnswerRow[]): Promise<void>;
  /** A keypad session in progress: the dialer is busy while it waits on host work. */
  watch(session: { busy(): boolean }): () => void;
}

export async function runAttempt(host: AttemptHost, run: CampaignRun, n: CampaignNumber): Promise<void> {
  const { pbx, clock, numberTemplate } = host.options;
  const { campaign } = run;
  const callId = randomUUID();
  host.update(run, n, attemptStarted(n, callId));
  const endpoint = numberEndpoint(campaign.dialTemplate ?? numberTemplate?.(run.tenant), n.number);
  if (!endpoint) {
    host.update(run, n, {
      ...attemptFailed(n, 'failed', campaign.retry, clock.now()),
      lastResult: 'not-dialable',
    });
    return;
  }
  let outcome: OriginateOutcome;
  run.ringing.add(endpoint);
  try {
    // No appArgs: the adapter's default marks the channel as ours, never as an inbound call — also
    // when it is adopted again after the event stream reconnects.
    outcome = await pbx.originate({
      endpoint,
      callerId: campaign.callerId ?? undefined,
      timeoutSec: campaign.ringTimeoutSec,
      variables: { CALLFLOW_CAMPAIGN: campaign.id },
    });
  } catch (error) {
    host.options.logger?.log('warn', 'dialer: originate failed', {
      campaign: campaign.id,
      error: (error as Error).message,
    });
    outcome = { type: 'failed', reason: 'failed', cause: 0 };
  } finally {
    run.ringing.delete(endpoint);
  }
  const now = clock.now();
  if (outcome.type === 'failed') {
    host.update(
      run,
      n,
      outcome.reason === 'cancelled'
        ? attemptWithdrawn(n, now)
        : attemptFailed(n, outcome.reason, campaign.retry, now),
    );
    return;
  }
  host.update(run, n, attemptAnswered(now));
  const call: SurveyCall = {
    callId,
    tenant: run.tenant,
    campaignId: campaign.id,
    campaignName: campaign.name,
    numberId: n.id,
    number: n.number,
    customerId: n.customerId,
    channelId: outcome.channelId,
    operatorId: null,
    script: null,
    answeredAt: now,
    endedAt: null,
    storedAnswers: 0,
  };
  if (campaign.mode === 'automated') await keypadSurvey(host, run, n, call);
  else await operatorSurvey(host, run, n, call);
}
