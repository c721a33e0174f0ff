/**
 * The compiler: a checked document to one sandbox script per flow (ARCHITECTURE decision 1).
 *
 *   lower (compile/lower.ts)      AST -> blocks ending at every wait point
 *   simplify (compile/simplify.ts) thread jumps, drop unreachable blocks
 *   emit (compile/emit.ts)         blocks -> JavaScript + source-map segments (prelude embedded)
 *   source map (compile/source-map.ts)
 *
 * The input must be free of checker errors; constructs the checker rejects compile to a step
 * failure (the call goes to the fallback) rather than to a broken script.
 */
import type { Document, FlowDecl, SubflowDecl } from './ast.ts';
import { emitScript } from './compile/emit.ts';
import { flowScope, lowerFlow } from './compile/lower.ts';
import { buildMeta } from './compile/meta.ts';
import { buildSourceMap } from './compile/source-map.ts';
import type { CompiledFlow } from './compiled-format.ts';
import type { Workspace } from './workspace.ts';

export interface CompileOptions {
  /** Name of the flow file, recorded in the source map (`sources`). Default `flow.flow`. */
  fileName?: string;
  /** The flow source: embedded in the map (`sourcesContent`) and hashed into the flow id. */
  source?: string;
}

/** One compiled script per `flow`/`survey` in the document; every subflow is compiled into each. */
export function compileAll(
  document: Document,
  workspace: Workspace,
  options: CompileOptions = {},
): CompiledFlow[] {
  const flows = document.declarations.filter((d): d is FlowDecl => d.kind === 'Flow');
  const subflows = document.declarations.filter((d): d is SubflowDecl => d.kind === 'Subflow');
  const fileName = options.fileName ?? 'flow.flow';
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.flow$/, '');
  const hashBase = `${options.source ?? JSON.stringify(document)}\n${JSON.stringify({
    language: workspace.language,
    currency: workspace.currency,
    defaultQueue: workspace.defaultQueue ?? null,
  })}`;
  return flows.map((flow, index) => {
    const scope = flowScope(flow);
    const meta = buildMeta(flow, subflows, workspace, `${hashBase}\n${index}`, scope);
    const blocks = lowerFlow(flow, subflows, {
      language: meta.language,
      defaultQueue: workspace.defaultQueue ?? null,
      scope,
    });
    const file = flows.length === 1 ? `${base}.js` : `${base}-${index + 1}.js`;
    const { code, mappings } = emitScript({
      meta,
      blocks,
      config: { language: meta.language, currency: workspace.currency },
      sourceName: fileName.replace(/^.*[\\/]/, ''),
    });
    const sourceMap = buildSourceMap(mappings, { file, source: fileName, sourceContent: options.source });
    return { meta, code, sourceMap };
  });
}

/** The document's (first) flow. Throws when the document declares only subflows. */
export function compile(
  document: Document,
  workspace: Workspace,
  options: CompileOptions = {},
): CompiledFlow {
  const [first] = compileAll(document, workspace, options);
  if (!first) throw new Error(`${options.fileName ?? 'flow'}: no flow or survey to compile`);
  return first;
}
