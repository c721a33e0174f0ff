/**
 * Automated mode: the answered customer takes the survey on the keypad. The survey's own session
 * runs on the call's channel exactly as an inbound call would (question.ts: 1 = yes, 2 = no …),
 * logs the call, and its record's answers go to the store with the customer.
 */
import type { CallRecord } from '../call-log.ts';
import { CallSession } from '../session/call-session.ts';
import type { CampaignNumber } from './campaign.ts';
import type { CampaignRun } from './campaign-run.ts';
import type { AttemptHost } from './dial-attempt.ts';
import { conversationEnded } from './number-transitions.ts';
import type { SurveyCall } from './survey-call.ts';

export async function keypadSurvey(
  host: AttemptHost,
  run: CampaignRun,
  n: CampaignNumber,
  call: SurveyCall,
): Promise<void> {
  const { clock, logger } = host.options;
  const session = new CallSession(
    { channelId: call.channelId, callerNumber: n.number, callerName: null, dialled: n.number },
    call.callId,
    run.survey.deployment.deps,
  );
  const unwatch = host.watch(session);
  let record: CallRecord | null = null;
  try {
    record = await session.run();
  } catch (error) {
    logger?.log('error', 'dialer: keypad survey failed', {
      callId: call.callId,
      error: (error as Error).message,
    });
  } finally {
    unwatch();
  }
  call.endedAt = clock.now();
  const answers = record
    ? run.survey.questions
        .filter((name) => Object.hasOwn(record.custom, name))
        .map((name) => ({
          callId: call.callId,
          customerId: call.customerId,
          survey: call.campaignName,
          question: name,
          answer: record.custom[name],
          at: call.endedAt!,
        }))
    : [];
  if (answers.length > 0) await host.saveAnswers(run.tenant, answers);
  host.update(run, n, conversationEnded(call.endedAt));
}
