/**
 * The simulator's dialplan: contexts of extensions, each a list of application steps, with Asterisk
 * pattern matching (`_X.`). Only the applications the simulator interprets (dialplan-runner.ts) are
 * allowed. Two presets: the dialplan the golden traces were recorded with, and Callflow's own.
 */

export type DialplanApp =
  | 'NoOp'
  | 'Stasis'
  | 'Answer'
  | 'Ringing'
  | 'Wait'
  | 'Busy'
  | 'Congestion'
  | 'Hangup'
  /** Simulator only: ring until the control API answers (or the originate times out). */
  | 'WaitForAnswer';

export interface DialplanStep {
  app: DialplanApp;
  /** Application data; `${EXTEN}` and `${CONTEXT}` are substituted. */
  data: string;
}

export type Dialplan = Record<string, Record<string, DialplanStep[]>>;

export const step = (app: DialplanApp, data = ''): DialplanStep => ({ app, data });

/** Asterisk extension pattern match: `_` then X Z N [set] . ! and literals; otherwise exact. */
export function extensionMatches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let re = '^';
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 'X' || c === 'x') re += '[0-9]';
    else if (c === 'Z' || c === 'z') re += '[1-9]';
    else if (c === 'N' || c === 'n') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      if (end < 0) return false;
      re += `[${p.slice(i + 1, end).replace(/[\\^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(exten);
}

export function findExtension(dialplan: Dialplan, context: string, exten: string): DialplanStep[] | null {
  const ctx = dialplan[context];
  if (!ctx) return null;
  if (ctx[exten]) return ctx[exten];
  for (const [pattern, steps] of Object.entries(ctx)) {
    if (pattern.startsWith('_') && extensionMatches(pattern, exten)) return steps;
  }
  return null;
}

/** Dialplan variable references as Asterisk writes them: `${EXTEN}`, `${CONTEXT}`. */
const EXTEN = '$' + '{EXTEN}';
const CONTEXT = '$' + '{CONTEXT}';

export function substitute(data: string, context: string, exten: string): string {
  return data.replaceAll(EXTEN, exten).replaceAll(CONTEXT, context);
}

/**
 * The dialplan of the recorded Asterisk (README of asterisk-ari and telephony/asterisk/extensions.conf):
 * `from-test` sends any extension to Stasis, the others play an operator phone's part.
 */
export function traceDialplan(app = 'callflow'): Dialplan {
  const forever = [step('Answer'), step('Wait', '300')];
  return {
    'from-test': { '_X.': [step('NoOp', `${CONTEXT} ${EXTEN}`), step('Stasis', `${app},${EXTEN}`)] },
    'caller-wait': { s: forever, '_X.': forever },
    'no-answer': { '_X.': [step('Ringing'), step('Wait', '60')] },
    busy: { '_X.': [step('Busy', '5')] },
    congestion: { '_X.': [step('Congestion', '5')] },
    'agent-answer': { '_X.': [step('Ringing'), step('Wait', '2'), step('Answer'), step('Wait', '300')] },
    default: { s: [step('Hangup')] },
  };
}

/** Callflow's dialplan: inbound calls from the trunk go to Stasis with the dialled number. */
export function callflowDialplan(app = 'callflow'): Dialplan {
  const toStasis = [step('Stasis', `${app},${EXTEN}`)];
  return {
    ...traceDialplan(app),
    'from-pstn': { '_X.': toStasis, '_+X.': toStasis, s: toStasis },
  };
}
