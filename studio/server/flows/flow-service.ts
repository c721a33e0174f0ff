/**
 * Checking, deploying and rolling back flows (ARCHITECTURE decision 6). Deploy compiles and checks
 * first and refuses on any error (422 with the diagnostics), loads the script into a throw-away
 * sandbox (a script that does not run is refused too), then in ONE transaction claims the flow's
 * numbers, stores the immutable version and activates it — the commit NOTIFYs every runtime
 * process. Before answering it waits for this process's runtime to take the version, so a call
 * placed right after the response runs it.
 */
import { analyze } from '../../../language/analyze.ts';
import type { Document, FlowDecl } from '../../../language/ast.ts';
import { checkWorkspaceFlows } from '../../../language/check.ts';
import { compileAll } from '../../../language/compile.ts';
import type { CompiledFlow } from '../../../language/compiled-format.ts';
import type { Diagnostic } from '../../../language/diagnostic.ts';
import { parse } from '../../../language/parse.ts';
import type { Workspace } from '../../../language/workspace.ts';
import { FlowSandbox } from '../../../runtime/sandbox/flow-sandbox.ts';
import {
  type Activation,
  activateVersion,
  activeVersion,
  bindNumber,
  listActiveVersions,
  rollbackFlow,
  saveVersion,
} from '../../../runtime/store/queries/flows.ts';
import { StoreError } from '../../../runtime/store/store-error.ts';
import { ApiError } from '../api-error.ts';
import type { AppDeps } from '../app-env.ts';
import type { Locale } from '../locale.ts';
import { tenantWorkspace } from '../queries/tenant-settings.ts';

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Flows and surveys the source declares, in order. */
  flows: string[];
  errors: number;
  warnings: number;
}

export interface DeployResult {
  flow: string;
  version: number;
  previous: number | null;
  /** True when the source equals the active version's: nothing new was stored. */
  unchanged: boolean;
  numbers: string[];
  /** False when this process's runtime could not take the version (see the log); others may have. */
  live: boolean;
}

const THIS_SOURCE = '(this source)';

/** Checks a source against the tenant's workspace and the numbers its other active flows answer. */
export async function checkSource(
  deps: AppDeps,
  tenant: string,
  source: string,
  locale: Locale,
): Promise<CheckResult & { document: Document; workspace: Workspace }> {
  const workspace = await tenantWorkspace(deps.db, tenant);
  const analysis = analyze(source, workspace, { locale });
  const flows = declaredFlows(analysis.document).map((f) => f.name.value);
  const others = await otherActiveFlows(deps, tenant, new Set(flows));
  const crossFlow = checkWorkspaceFlows([...others, { file: THIS_SOURCE, document: analysis.document }], {
    locale,
  })
    .filter((f) => f.file === THIS_SOURCE)
    .flatMap((f) => f.diagnostics);
  const diagnostics = [...analysis.diagnostics, ...crossFlow].sort(
    (a, b) => a.range.start.offset - b.range.start.offset,
  );
  return {
    document: analysis.document,
    workspace,
    diagnostics,
    flows,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export interface DeployInput {
  tenant: string;
  source: string;
  /** Deploy only this flow of the source (the flow routes); all of them when absent (the CLI). */
  only?: string;
  fileName?: string;
  userId: string | null;
  locale: Locale;
}

export async function deploySource(deps: AppDeps, input: DeployInput): Promise<DeployResult[]> {
  const checked = await checkSource(deps, input.tenant, input.source, input.locale);
  if (checked.flows.length === 0) {
    throw new ApiError(
      422,
      'no-flow',
      'The source declares no flow or survey.',
      'В исходном тексте нет ни одного потока или опроса.',
      {
        diagnostics: checked.diagnostics,
      },
    );
  }
  if (input.only !== undefined && !checked.flows.includes(input.only)) {
    throw new ApiError(
      422,
      'flow-not-in-source',
      `The source does not declare flow "${input.only}" (it declares: ${checked.flows.join(', ')}).`,
      `В исходном тексте нет потока «${input.only}» (есть: ${checked.flows.join(', ')}).`,
    );
  }
  if (checked.errors > 0) {
    throw new ApiError(
      422,
      'flow-has-errors',
      `The flow has ${checked.errors} error(s); nothing was deployed.`,
      `В потоке ошибок: ${checked.errors}; ничего не развёрнуто.`,
      { diagnostics: checked.diagnostics },
    );
  }
  const compiled = compileAll(checked.document, checked.workspace, {
    fileName: input.fileName ?? 'flow.flow',
    source: input.source,
  }).filter((c) => input.only === undefined || c.meta.name === input.only);
  for (const flow of compiled) await assertLoads(flow);
  const warnings = checked.diagnostics.filter((d) => d.severity !== 'error');

  const results: DeployResult[] = [];
  const activations: { flow: CompiledFlow; activation: Activation | null; unchanged: number | null }[] = [];
  await deps.db.transaction(async (tx) => {
    for (const flow of compiled) {
      const active = await activeVersion(tx, input.tenant, flow.meta.name);
      if (
        active &&
        active.version.source === input.source &&
        (active.version.meta as { id?: string }).id === flow.meta.id
      ) {
        activations.push({ flow, activation: null, unchanged: active.version.number });
        continue;
      }
      for (const number of flow.meta.answers) await claimNumber(tx, input.tenant, number, flow.meta.name);
      const version = await saveVersion(tx, input.tenant, {
        flow: flow.meta.name,
        source: input.source,
        compiledCode: flow.code,
        sourceMap: flow.sourceMap,
        meta: flow.meta,
        diagnostics: warnings,
        authorId: input.userId,
      });
      const activation = await activateVersion(tx, input.tenant, {
        flow: flow.meta.name,
        version: version.number,
        by: input.userId,
      });
      activations.push({ flow, activation, unchanged: null });
    }
  });
  for (const { flow, activation, unchanged } of activations) {
    const live = await goLive(deps, input.tenant, flow.meta.name);
    results.push({
      flow: flow.meta.name,
      version: activation?.version.number ?? unchanged ?? 0,
      previous: activation ? activation.previous : unchanged,
      unchanged: activation === null,
      numbers: flow.meta.answers,
      live,
    });
  }
  return results;
}

export interface RollbackInput {
  tenant: string;
  flow: string;
  /** The version to re-activate; the one deployed before the active one when absent. */
  to?: number;
  userId: string | null;
}

export async function rollback(deps: AppDeps, input: RollbackInput): Promise<DeployResult> {
  let activation: Activation;
  if (input.to === undefined) {
    activation = await rollbackFlow(deps.db, input.tenant, input.flow, input.userId);
  } else {
    const active = await activeVersion(deps.db, input.tenant, input.flow);
    if (active?.version.number === input.to) {
      throw new ApiError(
        409,
        'already-active',
        `Version ${input.to} is already active.`,
        `Версия ${input.to} уже активна.`,
      );
    }
    activation = await activateVersion(deps.db, input.tenant, {
      flow: input.flow,
      version: input.to,
      by: input.userId,
      kind: 'rollback',
    });
  }
  return {
    flow: input.flow,
    version: activation.version.number,
    previous: activation.previous,
    unchanged: false,
    numbers: (activation.version.meta as { answers?: string[] }).answers ?? [],
    live: await goLive(deps, input.tenant, input.flow),
  };
}

function declaredFlows(document: Document): FlowDecl[] {
  return document.declarations.filter((d): d is FlowDecl => d.kind === 'Flow');
}

/** The tenant's other active flows, parsed, so a number two flows answer is caught (CF604). */
async function otherActiveFlows(deps: AppDeps, tenant: string, except: Set<string>) {
  const active = await listActiveVersions(deps.db, tenant);
  return active
    .filter((a) => !except.has(a.flowName))
    .map((a) => ({
      file: `flow «${a.flowName}» v${a.version.number}`,
      document: parse(a.version.source).document,
    }));
}

async function assertLoads(flow: CompiledFlow): Promise<void> {
  let sandbox: FlowSandbox | null = null;
  try {
    sandbox = await FlowSandbox.create(flow);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError(
      422,
      'flow-does-not-load',
      `The compiled flow "${flow.meta.name}" does not load: ${detail}`,
      `Скомпилированный поток «${flow.meta.name}» не загружается: ${detail}`,
    );
  } finally {
    sandbox?.dispose();
  }
}

async function claimNumber(db: AppDeps['db'], tenant: string, number: string, flow: string): Promise<void> {
  try {
    await bindNumber(db, tenant, number, flow);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'conflict') {
      throw new ApiError(
        409,
        'number-taken',
        `Number ${number} is not available to this tenant.`,
        `Номер ${number} недоступен этому клиенту.`,
      );
    }
    throw error;
  }
}

/** Waits until this process's runtime routes new calls to the active version. */
async function goLive(deps: AppDeps, tenant: string, flow: string): Promise<boolean> {
  try {
    return (await deps.deployments.apply(tenant, flow)) !== null;
  } catch (error) {
    deps.logger.log('error', 'deploy: the runtime of this process did not take the version', {
      tenant,
      flow,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}
