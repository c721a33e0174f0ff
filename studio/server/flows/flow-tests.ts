/**
 * Flow tests through the API, with the runner `callflow test` uses (runtime/flow-tests): each case
 * is a real call on the runtime, the ARI adapter and a PBX simulator, on virtual time. The runner
 * reads files, so the source, the `.flowtest` text and the tenant's workspace are written to a
 * throw-away folder first. The tenant's data sources come with its workspace, and its customers
 * and accounts are the ones in the database (where the CLI reads the demo-data.json beside the
 * workspace) — read only: the built-in store has no writes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseFlowTest } from '../../../runtime/flow-tests/parse-flowtest.ts';
import { type FileResult, runFlowTestFile } from '../../../runtime/flow-tests/run-flowtest.ts';
import { DrizzleCustomerStore } from '../../../runtime/store/queries/customers.ts';
import { WORKSPACE_FILE } from '../../../runtime/workspace-files.ts';
import type { AppDeps } from '../app-env.ts';
import type { Locale } from '../locale.ts';
import { workspaceJson } from '../queries/tenant-settings.ts';

export interface FlowTestsInput {
  tenant: string;
  flow: string;
  source: string;
  /** The `.flowtest` text. */
  tests: string;
  locale: Locale;
}

export interface FlowTestsResult {
  flow: string;
  passed: number;
  failed: number;
  problems: string[];
  cases: FileResult['cases'];
}

export async function runFlowTests(deps: AppDeps, input: FlowTestsInput): Promise<FlowTestsResult> {
  const dir = await mkdtemp(join(tmpdir(), 'callflow-api-flowtest-'));
  try {
    const named = parseFlowTest(input.tests, input.locale).flow;
    const flowFile = named ? basename(named) : 'flow.flow';
    await writeFile(
      join(dir, WORKSPACE_FILE),
      JSON.stringify({ ...(await workspaceJson(deps.db, input.tenant)), tenant: input.tenant }),
    );
    await writeFile(join(dir, flowFile.endsWith('.flow') ? flowFile : `${flowFile}.flow`), input.source);
    const testFile = join(dir, 'api.flowtest');
    // The test names its flow by file; point it at the file just written.
    await writeFile(testFile, named ? input.tests : `flow "${flowFile}"\n${input.tests}`);
    const result = await runFlowTestFile(testFile, input.locale, {
      customers: new DrizzleCustomerStore(deps.db, input.tenant),
    });
    const passed = result.cases.filter((c) => c.passed).length;
    return {
      flow: input.flow,
      passed,
      failed: result.cases.length - passed,
      problems: result.problems.map((p) => p.replaceAll(dir, '')),
      cases: result.cases,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
