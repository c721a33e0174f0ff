/**
 * A campaign's survey version loaded into the runtime: deploying a survey binds no number (a survey
 * answers none), so this only gives its sandbox — shared with the hot-deploy copy when that version
 * is already loaded — and the tenant's session dependencies. The dialer runs keypad calls on it
 * itself (the runtime would retire a version no number routes to when its last own call ended) and
 * steps operators' scripts on the same sandbox.
 */
import type { CallInfo, FlowMeta } from '../../language/compiled-format.ts';
import type { Clock } from '../clock.ts';
import type { Deployment, Runtime } from '../runtime.ts';
import { flowClock } from '../session/flow-time.ts';
import type { SurveyFlow } from './dialer-types.ts';
import { questionNames } from './survey-questions.ts';
import { SurveyScript } from './survey-script.ts';

export interface LoadedSurvey {
  meta: FlowMeta;
  deployment: Deployment;
  /** Names of the survey's questions (which custom fields of a keypad call are answers). */
  questions: string[];
}

export async function loadSurvey(runtime: Runtime, tenant: string, flow: SurveyFlow): Promise<LoadedSurvey> {
  const deployment = await runtime.deploy(flow.compiled, tenant);
  return {
    meta: flow.compiled.meta,
    deployment,
    questions: questionNames(flow.source, flow.compiled.meta.name),
  };
}

/** The survey as an operator's script for one call, run up to its first question. */
export function startScript(survey: LoadedSurvey, clock: Clock, call: CallInfo): SurveyScript {
  const { workspace } = survey.deployment.deps;
  const zone = survey.meta.timezone ?? workspace.timezone;
  const script = new SurveyScript({
    sandbox: survey.deployment.sandbox,
    lang: survey.meta.language,
    clock: () => flowClock(clock.now(), zone, workspace.calendars, survey.meta.calendars),
    promptText: (name) => workspace.prompts[name]?.text,
  });
  script.start(call);
  return script;
}
