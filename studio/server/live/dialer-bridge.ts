/**
 * Campaign progress on the live event stream: every number's new state and the campaign's status
 * go to the tenant's supervisors; a survey call that reached an operator also goes to that operator
 * (their console then fetches the script).
 */
import type { Dialer } from '../../../runtime/dialer/dialer.ts';
import type { LiveEvents } from './live-events.ts';

export function bridgeDialerEvents(dialer: Dialer, live: LiveEvents): () => void {
  return dialer.onEvent((event) => {
    const { tenant, campaignId } = event;
    if (event.type === 'survey-call') {
      live.publish({
        kind: 'campaign',
        tenant,
        campaignId,
        operatorId: event.operatorId,
        event: { ...event },
      });
      return;
    }
    live.publish({ kind: 'campaign', tenant, campaignId, operatorId: null, event: { ...event } });
  });
}
