/**
 * Messages between the editor (main thread) and the language worker. Every document message
 * carries Monaco's version id of the text it is about, so an answer about older text is dropped.
 */
import type { Diagnostic, Locale } from '../../../../language/diagnostic.ts';
import type { CompletionItem } from '../../../../language/services/completion.ts';
import type { Hover } from '../../../../language/services/hover.ts';
import type { DocumentSymbol } from '../../../../language/services/symbols.ts';
import type { SourceRange } from '../../../../language/source-range.ts';
import type { Workspace } from '../../../../language/workspace.ts';
import type { FlowGraph } from '../graph/flow-graph.ts';
import type { AskTarget } from '../simulator/ask-targets.ts';

export interface WorkerRequests {
  complete: { args: { uri: string; offset: number }; result: CompletionItem[] };
  hover: { args: { uri: string; offset: number }; result: Hover | null };
  definition: { args: { uri: string; offset: number }; result: SourceRange | null };
  references: { args: { uri: string; offset: number }; result: SourceRange[] };
  symbols: { args: { uri: string }; result: DocumentSymbol[] };
  format: { args: { uri: string }; result: { text: string | null; diagnostics: Diagnostic[] } };
}

export type RequestMethod = keyof WorkerRequests;

export type ToWorker =
  | { type: 'configure'; workspace: Workspace; locale: Locale }
  | { type: 'update'; uri: string; version: number; text: string }
  | { type: 'close'; uri: string }
  | {
      [M in RequestMethod]: { type: 'request'; id: number; method: M; args: WorkerRequests[M]['args'] };
    }[RequestMethod];

export interface AnalysisMessage {
  type: 'analysis';
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
  /** Time spent in parse + check, in the worker (ms). */
  elapsedMs: number;
}

/** Sent after the analysis of the same version, unless newer text arrived meanwhile. */
export interface GraphMessage {
  type: 'graph';
  uri: string;
  version: number;
  graph: FlowGraph;
  /** The variable each `ask` fills, by line (the simulator shows what was typed into it). */
  asks: AskTarget[];
}

export type FromWorker =
  | AnalysisMessage
  | GraphMessage
  | { type: 'response'; id: number; result: unknown }
  | { type: 'response'; id: number; error: string };
