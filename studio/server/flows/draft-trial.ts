/**
 * A draft made ready for one simulated call: checked as a deploy checks it (refused with the
 * diagnostics on any error), compiled, and loaded into a sandbox of its own that no number routes
 * to. Nothing is stored and nothing is deployed; the call that runs on it frees it when it ends.
 * A draft that is the very flow its number runs now needs no sandbox of its own.
 */
import { compileAll } from '../../../language/compile.ts';
import type { CompiledFlow } from '../../../language/compiled-format.ts';
import type { Workspace } from '../../../language/workspace.ts';
import type { Deployment } from '../../../runtime/runtime.ts';
import { ApiError } from '../api-error.ts';
import type { AppDeps } from '../app-env.ts';
import type { Locale } from '../locale.ts';
import { checkSource } from './flow-service.ts';

export interface DraftTrialInput {
  tenant: string;
  source: string;
  /** The flow of the source to run; else the one answering `dialled`, else the first. */
  flow?: string;
  dialled: string;
  locale: Locale;
}

export interface DraftTrial {
  compiled: CompiledFlow;
  workspace: Workspace;
  /** The draft's own sandbox; null when the number's active version is this very flow. */
  deployment: Deployment | null;
}

export async function loadDraftTrial(deps: AppDeps, input: DraftTrialInput): Promise<DraftTrial> {
  const checked = await checkSource(deps, input.tenant, input.source, input.locale);
  if (checked.errors > 0) {
    throw new ApiError(
      422,
      'flow-has-errors',
      `The flow has ${checked.errors} error(s); fix them to simulate it.`,
      `В потоке ошибок: ${checked.errors}; исправьте их, чтобы позвонить в него.`,
      { diagnostics: checked.diagnostics },
    );
  }
  const compiled = pick(
    compileAll(checked.document, checked.workspace, { source: input.source }),
    input.flow,
    input.dialled,
  );
  if (deps.runtime.activeFor(input.dialled)?.flowId === compiled.meta.id) {
    return { compiled, workspace: checked.workspace, deployment: null };
  }
  try {
    const deployment = await deps.runtime.loadTrial(compiled, input.tenant);
    return { compiled, workspace: checked.workspace, deployment };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      422,
      'flow-does-not-load',
      `The compiled flow "${compiled.meta.name}" does not load: ${detail}`,
      `Скомпилированный поток «${compiled.meta.name}» не загружается: ${detail}`,
    );
  }
}

function pick(flows: CompiledFlow[], name: string | undefined, dialled: string): CompiledFlow {
  if (flows.length === 0) {
    throw new ApiError(
      422,
      'no-flow',
      'The source declares no flow or survey.',
      'В исходном тексте нет ни одного потока или опроса.',
    );
  }
  if (name !== undefined) {
    const named = flows.find((f) => f.meta.name === name);
    if (named) return named;
    throw new ApiError(
      422,
      'flow-not-in-source',
      `The source does not declare flow "${name}".`,
      `В исходном тексте нет потока «${name}».`,
    );
  }
  const digits = (n: string) => n.replace(/[^\d+*#]/g, '');
  return flows.find((f) => f.meta.answers.some((a) => digits(a) === digits(dialled))) ?? flows[0];
}
