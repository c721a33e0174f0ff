/** Value formats Asterisk 22 uses on ARI (see ../shared/asterisk-ari/README.md, "Formats"). */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-23T17:33:51.267+0000` (always UTC here). */
export function ariTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

export { causeText } from '../q850-causes.ts';

/** Hang-up `reason` values of `DELETE /channels/{id}` and the cause each one sets. */
export const hangupReasonCauses: Record<string, number> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 19,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};

/**
 * Channel ids are `<unix seconds>.<sequence>` with one sequence for the whole PBX; Local channel and
 * PJSIP channel names carry an 8-digit hex counter (`Local/1001@from-test-0000000a;1`).
 */
export class IdSource {
  private channelSeq = 0;
  private readonly nameSeqs = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  channelId(): string {
    return `${Math.floor(this.now() / 1000)}.${this.channelSeq++}`;
  }

  /** Next hex suffix for a channel technology (Local and PJSIP count separately, as in Asterisk). */
  nameSuffix(tech: string): string {
    const n = this.nameSeqs.get(tech) ?? 0;
    this.nameSeqs.set(tech, n + 1);
    return n.toString(16).padStart(8, '0');
  }
}
