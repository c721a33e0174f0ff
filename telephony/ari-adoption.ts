/**
 * After the event stream comes back, reconcile with what the PBX says now (`GET /channels`):
 * channels that left the app meanwhile end, originates that were answered resolve, calls that
 * arrived while we were away are taken as inbound calls, playbacks that finished are reported.
 * DTMF pressed during the gap is lost: ARI keeps no history.
 */
import type { Client } from 'ari-client';
import { isGone } from './ari-errors.ts';
import { type EventRouterDeps, type RawChannel, stasisStarted } from './ari-event-router.ts';

export async function adoptChannels(client: Client, app: string, d: EventRouterDeps): Promise<void> {
  const listed = (await client.channels.list()) as unknown as RawChannel[];
  const present = new Set(listed.map((c) => c.id));
  const inApp = new Map<string, RawChannel>();
  for (const c of listed) {
    const [owner] = (c.dialplan?.app_data ?? '').split(',');
    if (c.dialplan?.app_name === 'Stasis' && owner === app) inApp.set(c.id, c);
  }
  for (const id of d.registry.trackedIds()) if (!inApp.has(id)) d.registry.end(id);
  for (const id of d.originates.ids()) {
    if (inApp.has(id)) stasisStarted(d, inApp.get(id)!, []);
    else if (!present.has(id)) d.originates.failed(id, 'failed', 0);
  }
  for (const c of inApp.values()) {
    if (d.registry.isTracked(c.id)) continue;
    stasisStarted(d, c, (c.dialplan?.app_data ?? '').split(',').slice(1));
  }
  for (const [playbackId, channelId] of d.registry.activePlaybacks()) {
    try {
      await client.playbacks.get({ playbackId });
    } catch (error) {
      if (isGone(error) && d.registry.playbackFinished(playbackId)) {
        d.registry.emit(channelId, { type: 'playback-finished', playbackId, state: 'done' });
      }
    }
  }
}
