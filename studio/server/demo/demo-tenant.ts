/**
 * The demo installation `npm start` brings up: the tenant "ABC Internet" of seed 001 (users per
 * role, numbers, queues, customers and accounts — runtime/store/seed-demo.ts), its workspace from
 * examples/abc-internet, the example flows deployed, and demo operators whose simulated phones
 * answer after a moment so a tech-support call reaches someone.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PinHashCost } from '../../../runtime/data/pin-hash.ts';
import type { Db } from '../../../runtime/store/database.ts';
import { ensureOperator, setOperatorSkill } from '../../../runtime/store/queries/operators.ts';
import { addMembership, createUser, findUserByEmail } from '../../../runtime/store/queries/tenants-users.ts';
import { DEMO_TENANT, type SeedDemoResult, seedDemo } from '../../../runtime/store/seed-demo.ts';
import { loadWorkspaceFor } from '../../../runtime/workspace-files.ts';
import { ApiError } from '../api-error.ts';
import type { AppDeps } from '../app-env.ts';
import { type DeployResult, deploySource } from '../flows/flow-service.ts';
import { saveWorkspaceJson, workspaceJson } from '../queries/tenant-settings.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples', import.meta.url));
const DEMO_WORKSPACE = join(EXAMPLES_DIR, 'abc-internet', 'callflow.workspace.json');

export interface DemoOperator {
  email: string;
  name: string;
  extension: string;
  answerAfterMs: number;
}

/**
 * Operators whose phones live on the PBX simulator: stored operators (so their state changes are
 * logged like anyone's), logged in at their extension and Ready when the server starts.
 */
export const DEMO_OPERATORS: DemoOperator[] = [
  { email: 'olena.1001@abc.example', name: 'Олена (демо, 1001)', extension: '1001', answerAfterMs: 3_000 },
  { email: 'taras.1002@abc.example', name: 'Тарас (демо, 1002)', extension: '1002', answerAfterMs: 3_000 },
];

export interface SeededDemo extends SeedDemoResult {
  /** Operator id (operators.id) of each demo operator, by extension. */
  operatorIds: Map<string, string>;
}

export async function seedDemoTenant(db: Db, options: { pinCost?: PinHashCost } = {}): Promise<SeededDemo> {
  const seeded = await seedDemo(db, { pinCost: options.pinCost });
  const operatorIds = new Map<string, string>();
  for (const demo of DEMO_OPERATORS) {
    // Nobody signs in as these: the password is random and never shown.
    const user =
      (await findUserByEmail(db, demo.email)) ??
      (await createUser(db, {
        email: demo.email,
        displayName: demo.name,
        password: randomBytes(24).toString('base64url'),
      }));
    await addMembership(db, DEMO_TENANT.id, user.id, 'operator');
    const operator = await ensureOperator(db, DEMO_TENANT.id, user.id);
    await setOperatorSkill(db, DEMO_TENANT.id, operator.id, 'internet', 5);
    operatorIds.set(demo.extension, operator.id);
  }
  if (Object.keys(await workspaceJson(db, DEMO_TENANT.id)).length === 0) {
    const errors = await saveWorkspaceJson(
      db,
      DEMO_TENANT.id,
      JSON.parse(await readFile(DEMO_WORKSPACE, 'utf8')),
    );
    if (errors.length > 0)
      throw new Error(`the demo workspace ${DEMO_WORKSPACE} is invalid: ${errors.join('; ')}`);
  }
  return { ...seeded, operatorIds };
}

export interface ExampleDeployment {
  file: string;
  deployed: DeployResult[];
  /** Why the file was not deployed (its first error, or another tenant's workspace). */
  skipped: string | null;
}

/** Deploys every examples/**\/*.flow whose workspace belongs to `tenant`; a file that fails is skipped, not fatal. */
export async function deployExamples(
  deps: AppDeps,
  tenant: string,
  userId: string | null,
  root = EXAMPLES_DIR,
): Promise<ExampleDeployment[]> {
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.flow'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const out: ExampleDeployment[] = [];
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    const loaded = await loadWorkspaceFor(path);
    if (loaded.workspace.tenant !== tenant) {
      out.push({
        file,
        deployed: [],
        skipped: `its workspace belongs to tenant "${loaded.workspace.tenant}"`,
      });
      continue;
    }
    try {
      const deployed = await deploySource(deps, {
        tenant,
        source: await readFile(path, 'utf8'),
        fileName: path,
        userId,
        locale: 'en',
      });
      out.push({ file, deployed, skipped: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const first = (
        error.details.diagnostics as
          | { severity: string; code: string; message: string; range: { start: { line: number } } }[]
          | undefined
      )?.find((d) => d.severity === 'error');
      out.push({
        file,
        deployed: [],
        skipped: first ? `line ${first.range.start.line}: ${first.code} ${first.message}` : error.message,
      });
    }
  }
  return out;
}
