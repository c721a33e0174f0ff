/**
 * Operator mode (seed 001: «Как только абонент принял звонок, система соединяет его с оператором и
 * выдаёт оператору окно со сценарием разговора»): the answered customer joins the campaign's queue
 * in the ACD like any caller — music on hold, the queue's strategy picks a Ready operator, both are
 * bridged — and the operator's script starts. The customer or the operator hanging up ends it; the
 * call is logged with the queue, the operator and the answers given by then.
 *
 * No operator within the wait (or the customer hung up first): the attempt failed on our side and
 * the retry policy decides.
 */
import type { QueueOutcome } from '../acd/acd.ts';
import { CallRecorder } from '../call-log.ts';
import type { CampaignNumber } from './campaign.ts';
import type { CampaignRun } from './campaign-run.ts';
import type { AttemptHost } from './dial-attempt.ts';
import { startScript } from './loaded-survey.ts';
import { attemptFailed, connectedToOperator, conversationEnded } from './number-transitions.ts';
import type { SurveyCall } from './survey-call.ts';

const DEFAULT_OPERATOR_WAIT_MS = 60_000;

export async function operatorSurvey(
  host: AttemptHost,
  run: CampaignRun,
  n: CampaignNumber,
  call: SurveyCall,
): Promise<void> {
  const { pbx, clock, acd, callLog, logger } = host.options;
  const { campaign, survey } = run;
  const cdr = new CallRecorder(
    {
      callId: call.callId,
      tenant: run.tenant,
      caller: n.number,
      callerName: null,
      dialled: n.number,
      flowId: survey.meta.id,
      flowName: survey.meta.name,
      flowVersion: survey.deployment.version,
    },
    call.answeredAt,
  );
  cdr.answered(call.answeredAt);
  const writeRecord = async () => {
    await callLog
      ?.write(cdr.finish(clock.now()))
      .catch((error: Error) =>
        logger?.log('error', 'dialer: call log write failed', { callId: call.callId, error: error.message }),
      );
  };
  const fail = async (failure: 'no-operator' | 'abandoned', hangUp: boolean) => {
    if (hangUp) await pbx.hangup(call.channelId).catch(() => {});
    call.endedAt = clock.now();
    cdr.settle(
      failure === 'abandoned' ? 'abandoned' : 'failed',
      failure === 'abandoned' ? 'caller' : 'system',
    );
    await writeRecord();
    host.update(run, n, attemptFailed(n, failure, campaign.retry, call.endedAt));
  };
  if (!acd || !run.queue) return fail('no-operator', true);

  let hungUp: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    hungUp = resolve;
  });
  const unsubscribe = pbx.subscribe(call.channelId, (event) => {
    if (event.type !== 'hangup') return;
    // While queued the ACD lets the caller go; once connected it ends the operator's leg.
    acd.cancel(call.callId);
    hungUp();
  });
  const joinedAt = clock.now();
  let outcome: QueueOutcome;
  try {
    outcome = await acd.enqueue({
      callId: call.callId,
      tenant: run.tenant,
      channelId: call.channelId,
      caller: { number: n.number, name: null },
      queue: run.queue,
      priority: 0,
      skills: [],
      maxWaitMs: host.options.operatorWaitMs ?? DEFAULT_OPERATOR_WAIT_MS,
      announceEveryMs: null,
      music: null,
      announce: null,
    });
  } catch {
    unsubscribe();
    cdr.queued(run.queue, clock.now() - joinedAt, 'abandoned', null);
    return fail('abandoned', false);
  }
  if (outcome.type !== 'connected') {
    unsubscribe();
    cdr.queued(run.queue, outcome.waitedMs, outcome.type, null);
    return fail('no-operator', true);
  }
  cdr.queued(run.queue, outcome.waitedMs, 'connected', outcome.operator);
  cdr.settle('queued', 'caller');
  call.operatorId = outcome.operator;
  call.script = startScript(survey, clock, {
    id: call.callId,
    caller: { number: n.number, name: null },
    dialled: n.number,
    tenant: run.tenant,
  });
  host.update(run, n, connectedToOperator(outcome.operator));
  host.connected(run, call);

  await ended;
  unsubscribe();
  call.endedAt = clock.now();
  for (const answer of call.script.answers()) cdr.custom({ [answer.question]: answer.value });
  await writeRecord();
  host.update(run, n, conversationEnded(call.endedAt));
}
