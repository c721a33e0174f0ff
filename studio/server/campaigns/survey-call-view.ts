/**
 * What the operator's console shows for a survey call: the campaign, the customer's card (when the
 * number belongs to a known customer) and the script — lines to read, the question waiting for the
 * answer, and what was answered.
 */
import type { SurveyCall } from '../../../runtime/dialer/survey-call.ts';
import type { ScriptView } from '../../../runtime/dialer/survey-script.ts';
import type { Db } from '../../../runtime/store/database.ts';
import { getCustomer } from '../queries/customer-list.ts';

export async function surveyCallView(db: Db, call: SurveyCall, script?: ScriptView) {
  const customer = call.customerId ? await getCustomer(db, call.tenant, call.customerId) : null;
  return {
    callId: call.callId,
    campaign: { id: call.campaignId, name: call.campaignName },
    number: call.number,
    answeredAt: new Date(call.answeredAt).toISOString(),
    endedAt: call.endedAt === null ? null : new Date(call.endedAt).toISOString(),
    customer,
    script: script ?? call.script?.view() ?? null,
  };
}
