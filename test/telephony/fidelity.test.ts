/**
 * Fidelity: every golden trace recorded from Asterisk 22 is replayed against the simulator; the REST
 * responses (status and body) and the WebSocket event streams (types, order, fields; ids and
 * timestamps normalized) must match, except for the deviations listed in trace-deviations.ts.
 */
import { describe, expect, it } from 'vitest';
import { badTimestamps, diffSequences, normalize, shape } from './support/trace-compare.ts';
import { loadTrace, traceFiles } from './support/trace-file.ts';
import { type ReplayHints, replay } from './support/trace-replay.ts';
import { type Deviation, deviationsFor } from './trace-deviations.ts';

type AriEvent = Record<string, unknown>;

/** Puts events that a race delayed in one recording back where Asterisk usually sends them. */
function applyMoves(events: AriEvent[], devs: Deviation[]): AriEvent[] {
  const out = [...events];
  for (const d of devs) {
    if (!d.moveRecorded) continue;
    const from = out.findIndex(d.moveRecorded.event);
    const to = out.findIndex(d.moveRecorded.before);
    if (from < 0 || to < 0 || to >= from) continue;
    const [moved] = out.splice(from, 1);
    out.splice(to, 0, moved);
  }
  return out;
}

const hints: Record<string, ReplayHints> = {
  // The recorder closed the second socket (conn B) between t=2826 and t=4327 without a trace line.
  '10': { closeSockets: [{ beforeT: 4000, conn: 'B' }] },
};

describe('simulator fidelity against the recorded Asterisk 22 traces', () => {
  for (const file of traceFiles()) {
    const trace = file.slice(0, 2);
    it(`${file}`, async () => {
      const lines = loadTrace(file);
      const outcome = await replay(lines, hints[trace]);
      const devs = deviationsFor(trace);
      const problems: string[] = [];

      for (const x of outcome.exchanges) {
        const actual = outcome.responses.get(x);
        const label = `${x.req.method} ${x.req.path}`;
        if (!x.res) continue;
        if (!actual) {
          problems.push(`${label}: no response`);
          continue;
        }
        if (actual.status !== x.res.status)
          problems.push(`${label}: status ${actual.status}, recorded ${x.res.status}`);
        const bad = badTimestamps(actual.body);
        if (bad.length) problems.push(`${label}: timestamps not in Asterisk format: ${bad.join(', ')}`);
        const shapeOnly = devs.some((d) => d.shapeOnly?.(x.req));
        const rec = shapeOnly ? shape(normalize(x.res.body, null)) : normalize(x.res.body, null);
        const sim = shapeOnly
          ? shape(normalize(actual.body, outcome.mapper))
          : normalize(actual.body, outcome.mapper);
        if (JSON.stringify(rec) !== JSON.stringify(sim)) {
          problems.push(
            `${label}: body differs\n  recorded:  ${JSON.stringify(rec)}\n  simulator: ${JSON.stringify(sim)}`,
          );
        }
      }

      const streams = new Set([...outcome.recordedStreams.keys(), ...outcome.actualStreams.keys()]);
      for (const stream of streams) {
        const recorded = applyMoves(
          (outcome.recordedStreams.get(stream) ?? [])
            .filter((e) => !devs.some((d) => d.dropRecorded?.(e)))
            .map((e) => devs.reduce((acc, d) => (d.editRecorded ? d.editRecorded(acc) : acc), e)),
          devs,
        ).map((e) => normalize(e, null) as Record<string, unknown>);
        const actualRaw = outcome.actualStreams.get(stream) ?? [];
        for (const e of actualRaw) {
          const bad = badTimestamps(e);
          if (bad.length)
            problems.push(`event ${String(e.type)}: timestamps not in Asterisk format: ${bad.join(', ')}`);
        }
        const actual = actualRaw
          .filter((e) => !devs.some((d) => d.dropActual?.(e)))
          .map((e) => normalize(e, outcome.mapper) as Record<string, unknown>);
        const diff = diffSequences(recorded, actual);
        if (diff) problems.push(`events on ${stream}: ${diff}`);
      }

      expect(problems.join('\n\n')).toBe('');
    });
  }
});
