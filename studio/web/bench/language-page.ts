/**
 * Benchmark page: the studio's Monaco setup with the callflow language attached exactly as the
 * studio attaches it (Monarch, worker diagnostics, providers); an edit settles when the markers of
 * its version are set.
 */
import type { Workspace } from '../../../language/workspace.ts';
import { callflowLanguage } from '../src/editor/callflow-language.ts';
import { CALLFLOW_LANGUAGE_ID } from '../src/editor/callflow-monarch.ts';
import { CALLFLOW_THEME } from '../src/editor/callflow-theme.ts';
import { installBench } from './bench-harness.ts';

const language = callflowLanguage();
const settled = new Map<number, () => void>();
let applied = 0;
/** Time the worker spent per analysis (parse + check + graph), for the report's breakdown. */
const workerMs: number[] = [];
(globalThis as { workerMs?: number[] }).workerMs = workerMs;
language.onApplied((analysis) => {
  workerMs.push(analysis.elapsedMs);
  applied = Math.max(applied, analysis.version);
  for (const [version, done] of settled) {
    if (version <= applied) {
      settled.delete(version);
      done();
    }
  }
});

installBench({
  languageId: CALLFLOW_LANGUAGE_ID,
  theme: CALLFLOW_THEME,
  async prepare(model, options) {
    const workspace = (options as { workspace: Workspace }).workspace;
    language.client.configure(workspace, 'en');
    language.track(model);
    // Start measuring once the first analysis is on screen.
    await new Promise<void>((resolve) => settled.set(model.getVersionId(), resolve));
  },
  whenSettled(_model, version, done) {
    if (version <= applied) done();
    else settled.set(version, done);
  },
});
