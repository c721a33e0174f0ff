/**
 * The host loop of one call (ARCHITECTURE decision 1; xstate's actor in spirit): take the command a
 * pure step returned, carry it out through its handler, feed the result to the next step. The
 * call's state is plain JSON held here, so the sandbox can be rebuilt between any two steps.
 *
 * Failures: a step that fails in the sandbox, or a command the host cannot carry out because of the
 * flow, goes to the flow's fallback (logged with the DSL line); a fallback that fails too ends in the
 * host's last resort (the default queue, else a hang-up). A hang-up anywhere ends the loop cleanly:
 * waits are rejected, timers cleared, listeners removed, and the call is still logged.
 */
import type { CallInfo, Command, FlowState, Json, Loc } from '../../language/compiled-format.ts';
import type { InboundCall } from '../../telephony/pbx-port.ts';
import { type CallLogSink, type CallRecord, CallRecorder } from '../call-log.ts';
import type { FlowFailure, FlowSandbox, HeldState, StepOutcome, StepReply } from '../sandbox/flow-sandbox.ts';
import { SandboxError } from '../sandbox/sandbox-error.ts';
import { CallContext, type SharedDeps } from './call-context.ts';
import { CallEnded, CallLine, never } from './call-line.ts';
import { flowClock } from './flow-time.ts';
import {
  type CallEventBody,
  CommandFailure,
  type HandlerContext,
  type HandlerResult,
} from './handler-context.ts';
import { handlers } from './handlers/index.ts';
import { joinQueue } from './handlers/queue.ts';
import { maskSecrets, SecretVault } from './secret-vault.ts';

/** More commands than any real call runs: past this the flow is looping without waiting. */
export const MAX_COMMANDS_PER_CALL = 5_000;
/** Fallbacks one call may take before the host's last resort. */
const MAX_FALLBACKS = 2;

/** What every call on one deployed flow version shares. */
export interface SessionDeps extends SharedDeps {
  sandbox: FlowSandbox;
  /** Deployment version number of the sandbox's flow. */
  flowVersion: number;
  callLog: CallLogSink;
  /** The flow's clock runs this far from the host's (a call simulated at another time of day). */
  flowTimeShiftMs?: number;
}

export class CallSession {
  private readonly ctx: CallContext;
  /** The call's state, kept inside the sandbox between steps. */
  private readonly held: HeldState;

  constructor(
    inbound: InboundCall,
    callId: string,
    private readonly deps: SessionDeps,
  ) {
    const meta = deps.sandbox.meta;
    const call: CallInfo = {
      id: callId,
      caller: { number: inbound.callerNumber, name: inbound.callerName },
      dialled: inbound.dialled,
      tenant: deps.workspace.tenant,
    };
    const cdr = new CallRecorder(
      {
        callId,
        tenant: call.tenant,
        caller: inbound.callerNumber,
        callerName: inbound.callerName,
        dialled: inbound.dialled,
        flowId: meta.id,
        flowName: meta.name,
        flowVersion: deps.flowVersion,
      },
      deps.clock.now(),
    );
    const line = new CallLine(deps.pbx, inbound.channelId, deps.clock);
    this.ctx = new CallContext(call, meta.language, line, new SecretVault(), cdr, deps);
    this.held = deps.sandbox.hold();
  }

  get call(): CallInfo {
    return this.ctx.call;
  }

  /**
   * Runs the call to its end; resolves with the record written to the call log. One async function
   * on purpose: a waiting call holds one suspended frame here, not a chain of them.
   */
  async run(): Promise<CallRecord> {
    const { deps, ctx } = this;
    const { line, cdr } = ctx;
    const { sandbox, clock, pbx } = deps;
    const meta = sandbox.meta;
    line.attach();
    ctx.emit({
      type: 'call-started',
      channelId: line.channelId,
      flow: meta.id,
      flowName: meta.name,
      version: deps.flowVersion,
      caller: ctx.call.caller.number,
      dialled: ctx.call.dialled,
      tenant: ctx.call.tenant,
    });
    try {
      await line.guard(pbx.answer(line.channelId));
      cdr.answered(clock.now());
      // The state between steps stays in the sandbox (`held`): a step's result replaces it once
      // accepted here, so a failure goes to the fallback from the last good state.
      const { held } = this;
      let outcome: StepOutcome = sandbox.start({ call: ctx.call, clock: this.flowTime() }, held);
      let fallbacks = 0;
      for (let commands = 0; ; commands++) {
        if (commands >= MAX_COMMANDS_PER_CALL) {
          if (outcome.ok) sandbox.discardLast(held);
          outcome = failure('runaway', `the call ran ${MAX_COMMANDS_PER_CALL} commands`, null);
        }
        if (!outcome.ok) {
          this.failed(outcome.error);
          if (++fallbacks > MAX_FALLBACKS) {
            await this.lastResort();
            break;
          }
          if (!held.hasState) sandbox.seed(held, this.initialState());
          outcome = sandbox.fallback(held, outcome.error, this.flowTime());
          continue;
        }
        const { flow, step, command } = outcome.result;
        if (flow !== meta.id) {
          outcome = failure('bad-result', `the step returned the state of flow ${flow}`, command.loc);
          continue;
        }
        cdr.visit(step);
        ctx.emit(stepEvent(step, command, deps.events.wantsVars(ctx.call.id) ? outcome.result : null));
        let result: HandlerResult;
        try {
          result = await (
            handlers[command.type] as (c: Command, x: HandlerContext) => Promise<HandlerResult>
          )(command, ctx);
        } catch (error) {
          if (error instanceof CallEnded) throw error;
          if (line.ended) throw line.ended;
          const what = error instanceof CommandFailure ? `${command.type} (${error.kind})` : command.type;
          outcome = {
            ok: false,
            error: new SandboxError('command', `${what}: ${(error as Error).message}`, command.loc, null),
          };
          continue;
        }
        if (result.type === '$handed-off') {
          cdr.settle(result.outcome, result.endedBy ?? 'caller');
          // Connected to a person: the flow's part is over; wait for someone to hang up.
          if (result.endedBy !== 'flow') await line.wait(never, null, null);
          break;
        }
        outcome = sandbox.step(held, result, this.flowTime());
      }
    } catch (error) {
      if (!(error instanceof CallEnded)) {
        deps.logger.log('error', 'call session failed', {
          callId: ctx.call.id,
          error: (error as Error).message,
        });
        cdr.error({ kind: 'host', message: (error as Error).message, line: null, column: null }, clock.now());
        cdr.settle('failed', 'system');
        await pbx.hangup(line.channelId).catch(() => {});
      }
      cdr.settle('abandoned', 'caller');
    }
    return this.finish();
  }

  private failed(error: FlowFailure): void {
    const loc = error.loc;
    const line = loc?.line ?? null;
    const column = loc?.column ?? null;
    this.ctx.cdr.error({ kind: error.kind, message: error.message, line, column }, this.deps.clock.now());
    this.ctx.emit({ type: 'error', kind: error.kind, message: error.message, line, column });
    this.deps.logger.log('warn', 'flow failed; taking the fallback', {
      callId: this.ctx.call.id,
      flow: this.deps.sandbox.meta.id,
      kind: error.kind,
      error: error.message,
      line,
      column,
    });
  }

  /** The flow's fallback failed too: the default queue without any prompt, else a hang-up. */
  private async lastResort(): Promise<void> {
    const { ctx, deps } = this;
    const queue = deps.workspace.defaultQueue;
    if (queue) {
      const result = await joinQueue(
        {
          type: 'queue',
          queue,
          priority: 0,
          skills: [],
          maxWaitMs: null,
          announce: null,
          announceEveryMs: null,
          music: null,
          handlesOverflow: true,
        },
        ctx,
        'queued',
      );
      if (result.type === '$handed-off') {
        ctx.cdr.settle(result.outcome, 'caller');
        await ctx.line.wait(never, null, null);
        return;
      }
    }
    ctx.cdr.settle('failed', 'system');
    await deps.pbx.hangup(ctx.line.channelId).catch(() => {});
  }

  private async finish(): Promise<CallRecord> {
    const { deps, ctx } = this;
    ctx.line.close();
    ctx.vault.clear();
    deps.sandbox.release(this.held);
    const record = ctx.cdr.finish(deps.clock.now());
    try {
      await deps.callLog.write(record);
    } catch (error) {
      deps.logger.log('error', 'call log write failed', {
        callId: ctx.call.id,
        error: (error as Error).message,
      });
    }
    ctx.emit({ type: 'call-ended', outcome: record.outcome, record });
    return record;
  }

  private initialState(): FlowState {
    return {
      flow: this.deps.sandbox.meta.id,
      pc: 'main',
      step: 'main',
      vars: {},
      frames: [],
      counters: {},
      call: this.ctx.call,
    };
  }

  private flowTime() {
    const { workspace, sandbox, clock } = this.deps;
    return flowClock(
      clock.now() + (this.deps.flowTimeShiftMs ?? 0),
      sandbox.meta.timezone ?? workspace.timezone,
      workspace.calendars,
      sandbox.meta.calendars,
    );
  }

  /** True while the call waits on host work (speech, PBX requests, data), not on the caller or the clock. */
  busy(): boolean {
    return this.ctx.line.busy();
  }

  /** Listeners and timers the call still holds (zero after it ended). */
  pendingWork(): number {
    return this.ctx.line.pendingWork();
  }
}

/**
 * A `step` event; with the variables after the step (secrets masked) when `watched` — parsing the
 * state costs, so only calls someone watches pay it (CallEvents.watchVars).
 */
function stepEvent(step: string, command: Command, watched: StepReply | null): CallEventBody {
  const line = command.loc.line;
  if (!watched) return { type: 'step', step, command: command.type, line };
  const vars = maskSecrets(watched.state.vars) as Record<string, Json>;
  return { type: 'step', step, command: command.type, line, vars };
}

function failure(kind: 'runaway' | 'bad-result', message: string, loc: Loc | null): StepOutcome {
  return { ok: false, error: new SandboxError(kind, message, loc, null) };
}
