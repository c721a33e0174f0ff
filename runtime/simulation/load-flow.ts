/**
 * A flow file made ready to run in a simulation: its workspace (the nearest
 * callflow.workspace.json), checked and compiled, plus the customer store seeded from the
 * `demo-data.json` next to the workspace when there is one.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { analyze } from '../../language/analyze.ts';
import { compile } from '../../language/compile.ts';
import type { CompiledFlow } from '../../language/compiled-format.ts';
import type { Locale } from '../../language/diagnostic.ts';
import type { Workspace } from '../../language/workspace.ts';
import type { CustomerStore } from '../data/customer-store.ts';
import { MemoryCustomerStore } from '../data/memory-customer-store.ts';
import { loadWorkspaceFor } from '../workspace-files.ts';

export const DEMO_DATA_FILE = 'demo-data.json';

export type LoadedFlow =
  | { ok: true; compiled: CompiledFlow; workspace: Workspace; workspaceDir: string; problems: string[] }
  | { ok: false; problems: string[] };

export async function loadFlow(path: string, locale: Locale = 'en'): Promise<LoadedFlow> {
  const absolute = resolve(path);
  const source = await readFile(absolute, 'utf8').catch(() => null);
  if (source === null) return { ok: false, problems: [`${shown(absolute)}: cannot read the file`] };
  const loaded = await loadWorkspaceFor(absolute, { locale });
  const analysis = analyze(source, loaded.workspace, { locale });
  const problems = [
    ...loaded.diagnostics.map(({ file, diagnostic: d }) => line(file, d)),
    ...analysis.diagnostics.map((d) => line(absolute, d)),
  ];
  const errors = [...loaded.diagnostics.map((f) => f.diagnostic), ...analysis.diagnostics].filter(
    (d) => d.severity === 'error',
  );
  if (errors.length > 0) return { ok: false, problems };
  const compiled = compile(analysis.document, loaded.workspace, { fileName: basename(absolute), source });
  const workspaceDir = loaded.configPath ? dirname(loaded.configPath) : dirname(absolute);
  return { ok: true, compiled, workspace: loaded.workspace, workspaceDir, problems };
}

/** The demo customers next to the workspace, or an empty store. */
export async function loadCustomers(workspaceDir: string): Promise<CustomerStore> {
  const file = join(workspaceDir, DEMO_DATA_FILE);
  const exists = await stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  return exists
    ? MemoryCustomerStore.fromFile(file)
    : new MemoryCustomerStore({ customers: [], accounts: [] });
}

function line(
  file: string,
  d: { range: { start: { line: number; column: number } }; severity: string; code: string; message: string },
) {
  return `${shown(file)}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`;
}

export function shown(absolute: string): string {
  return relative(process.cwd(), absolute).split(sep).join('/') || absolute;
}
