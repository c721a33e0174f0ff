/**
 * Runs a channel through dialplan steps, emitting ChannelDialplan for each, the way the recorded
 * contexts behaved (from-test, caller-wait, no-answer, busy, congestion, agent-answer, default).
 */
import { answerChannel, enterStasis, setChannelState } from './channels.ts';
import { type DialplanStep, findExtension, substitute } from './dialplan.ts';
import { hangupChannel } from './hangup.ts';
import type { SimChannel } from './model.ts';
import { dialFailed, dialRinging, emitDial } from './originate.ts';
import type { TimerHandle } from './sim-clock.ts';
import type { SimWorld } from './world.ts';

/** Answer() on a channel that was not yet up holds the next step this long (trace 14: 500 ms). */
const ANSWER_SETTLE_MS = 500;

export class DialplanRun {
  timer: TimerHandle | null = null;
  stopped = false;
  /** Dial RINGING follows the next step's ChannelDialplan (trace 12). */
  afterNextStep: (() => void) | null = null;

  constructor(
    readonly world: SimWorld,
    readonly channel: SimChannel,
    readonly context: string,
    readonly exten: string,
    public steps: DialplanStep[],
    public index: number,
  ) {}

  get current(): DialplanStep | undefined {
    return this.steps[this.index];
  }
}

export function startDialplan(
  world: SimWorld,
  ch: SimChannel,
  context: string,
  exten: string,
  priority = 1,
  steps: DialplanStep[] | null = findExtension(world.dialplan, context, exten),
): boolean {
  if (!steps) return false;
  stopDialplan(ch);
  const run = new DialplanRun(world, ch, context, exten, steps, Math.max(0, priority - 1));
  ch.run = run;
  runSteps(run);
  return true;
}

/** Leaves Stasis back into the dialplan at the next priority (`continue` without a target). */
export function resumeDialplan(world: SimWorld, ch: SimChannel): void {
  const run = ch.run;
  if (run && !run.stopped) {
    run.index++;
    runSteps(run);
    return;
  }
  ch.hasPbx = true;
  if (!startDialplan(world, ch, ch.dialplan.context, ch.dialplan.exten, ch.dialplan.priority + 1)) {
    hangupChannel(world, ch, { requestCause: 16, soft: true, cause: 16, byPbx: true });
  }
}

export function stopDialplan(ch: SimChannel): void {
  const run = ch.run;
  if (!run) return;
  run.stopped = true;
  run.world.clock.clearTimer(run.timer);
  run.timer = null;
}

/** The simulated operator picks up: the ringing step gives way to Answer() and a long Wait(). */
export function answerFromPhone(ch: SimChannel): boolean {
  const run = ch.run;
  if (!run || run.stopped || ch.state === 'Up') return false;
  run.world.clock.clearTimer(run.timer);
  run.steps = [
    ...run.steps.slice(0, run.index + 1),
    { app: 'Answer', data: '' },
    { app: 'Wait', data: '86400' },
  ];
  run.index++;
  runSteps(run);
  return true;
}

function runSteps(run: DialplanRun): void {
  const { world, channel: ch } = run;
  while (!run.stopped && !ch.hangingUp) {
    const s = run.current;
    if (!s) {
      // Falling off the end of an extension hangs up (autofallthrough).
      run.stopped = true;
      hangupChannel(world, ch, { requestCause: 16, soft: true, cause: 16, byPbx: true });
      return;
    }
    const data = substitute(s.data, run.context, run.exten);
    ch.dialplan = {
      context: run.context,
      exten: run.exten,
      priority: run.index + 1,
      app_name: s.app,
      app_data: data,
    };
    world.emitChannel(ch, 'ChannelDialplan', { dialplan_app: s.app, dialplan_app_data: data });
    const after = run.afterNextStep;
    run.afterNextStep = null;
    after?.();
    if (execute(run, s.app, data) === 'wait') return;
    run.index++;
  }
}

function later(run: DialplanRun, ms: number): 'wait' {
  run.timer = run.world.clock.setTimer(ms, () => {
    run.timer = null;
    if (run.stopped || run.channel.hangingUp) return;
    run.index++;
    runSteps(run);
  });
  return 'wait';
}

function execute(run: DialplanRun, app: DialplanStep['app'], data: string): 'next' | 'wait' {
  const { world, channel: ch } = run;
  const dialer = ch.localPeer?.dial && !ch.localPeer.dial.finished ? ch.localPeer : null;
  switch (app) {
    case 'NoOp':
      return 'next';
    case 'Stasis': {
      const [app, ...args] = data.split(',');
      return enterStasis(world, ch, app, args) ? 'wait' : 'next';
    }
    case 'Answer':
      if (ch.state === 'Up') return 'next';
      answerChannel(world, ch);
      return ch.hangingUp ? 'wait' : later(run, ANSWER_SETTLE_MS);
    case 'Ringing':
      if (dialer) {
        dialRinging(world, dialer);
        run.afterNextStep = () => {
          if (dialer.dial && !dialer.dial.finished) emitDial(world, dialer, 'RINGING');
        };
      }
      return 'next';
    case 'Wait': {
      const seconds = Number.parseFloat(data);
      return Number.isFinite(seconds) ? later(run, seconds * 1000) : 'wait';
    }
    case 'WaitForAnswer':
      return 'wait';
    case 'Busy':
    case 'Congestion': {
      setChannelState(world, ch, 'Busy');
      ch.hangupCause = app === 'Busy' ? 17 : 34;
      if (dialer) {
        dialFailed(world, dialer, app === 'Busy' ? 'BUSY' : 'CONGESTION', 0);
        return 'wait';
      }
      const seconds = Number.parseFloat(data);
      run.timer = world.clock.setTimer((Number.isFinite(seconds) ? seconds : 0) * 1000, () =>
        hangupChannel(world, ch, { requestCause: 16, soft: true, cause: ch.hangupCause ?? 17, byPbx: true }),
      );
      return 'wait';
    }
    case 'Hangup': {
      const cause = Number.parseInt(data, 10);
      hangupChannel(world, ch, {
        requestCause: 16,
        soft: true,
        cause: Number.isFinite(cause) ? cause : 16,
        byPbx: true,
      });
      return 'wait';
    }
  }
}
