/**
 * Deliberate differences between the simulator and the recorded Asterisk 22, as an explicit
 * allow-list. Each entry names the traces it applies to, exactly what it excuses, and why; the same
 * table is in telephony/README.md. Anything not listed here must match.
 */
import type { TraceLine } from './support/trace-file.ts';

type AriEvent = Record<string, unknown>;

export interface Deviation {
  id: string;
  traces: string[] | 'all';
  reason: string;
  /** Recorded events the simulator does not produce. */
  dropRecorded?: (event: AriEvent) => boolean;
  /** Simulator events the recording does not have. */
  dropActual?: (event: AriEvent) => boolean;
  /** Rewrites a recorded event before comparing (removes a detail the simulator does not model). */
  editRecorded?: (e: AriEvent) => AriEvent;
  /** A recorded event that came late because of a race in Asterisk, put back where it usually is. */
  moveRecorded?: { event: (e: AriEvent) => boolean; before: (e: AriEvent) => boolean };
  /** Responses compared by structure only (keys and value types). */
  shapeOnly?: (req: TraceLine) => boolean;
}

const channelName = (e: AriEvent) => String((e.channel as { name?: string } | undefined)?.name ?? '');

export const deviations: Deviation[] = [
  {
    id: 'caller-id-number-unavailable',
    traces: ['04', '14'],
    reason:
      'ChannelCallerId with presentation 67 "Number Unavailable" (and the one restoring 0) that Asterisk sends ' +
      'while tearing down or optimizing Local channels; it carries no caller change and is not modelled.',
    dropRecorded: (e) =>
      e.type === 'ChannelCallerId' &&
      (e.caller_presentation === 67 ||
        (e.channel as { state?: string; dialplan?: { app_name?: string } })?.dialplan?.app_name ===
          'AppDial2'),
  },
  {
    id: 'answer-state-race',
    traces: ['04'],
    reason:
      "ChannelStateChange Up of the answered `;2` arrived after `;1`'s StasisStart in this one recording; every other " +
      'trace (01, 02, 03, 05, 06, 09, 11, 14) has it first, which is what the simulator always does.',
    moveRecorded: {
      event: (e) => e.type === 'ChannelStateChange' && channelName(e).endsWith(';2'),
      before: (e) => e.type === 'ChannelStateChange',
    },
  },
  {
    id: 'moh-announcer-in-bridge',
    traces: ['04'],
    reason:
      "A holding bridge playing music lists Asterisk's hidden MOH announcer channel (1795455260.11) in one " +
      'snapshot; the simulator plays bridge music without a channel, so its bridge snapshots list callers only.',
    editRecorded: (e) => {
      const bridge = e.bridge as { channels?: string[] } | undefined;
      if (!bridge?.channels?.includes('1795455260.11')) return e;
      return {
        ...e,
        bridge: { ...bridge, channels: bridge.channels.filter((id) => id !== '1795455260.11') },
      };
    },
  },
  {
    id: 'device-state-events',
    traces: ['10'],
    reason:
      'DeviceStateChanged (only with subscribeAll=true) is not modelled: Callflow never subscribes to all events.',
    dropRecorded: (e) => e.type === 'DeviceStateChanged',
  },
  {
    id: 'asterisk-info',
    traces: ['10'],
    reason:
      '`GET /asterisk/info` describes the simulator (version 22.10.1-callflow-sim, its own build); same keys and types.',
    shapeOnly: (req) => req.path === '/ari/asterisk/info',
  },
];

export function deviationsFor(trace: string): Deviation[] {
  return deviations.filter((d) => d.traces === 'all' || d.traces.includes(trace));
}
