/**
 * The flow graph the studio draws beside the editor, built from the AST: the flow's entry, its
 * steps, subflows, menus (and survey questions) with one node per choice, and the places a call
 * ends up (queues, transfers, hangup) as nodes; transitions as edges. Pure: source in (as an AST
 * plus its diagnostics), nodes and edges out. It runs in the language worker beside `analyze`.
 */
import type { Branch, Declaration, Document, Expr, MenuChoice, Statement } from '../../../../language/ast.ts';
import type { Diagnostic } from '../../../../language/diagnostic.ts';
import type { SourceRange } from '../../../../language/source-range.ts';

export type GraphNodeKind =
  | 'entry'
  | 'step'
  | 'subflow'
  | 'menu'
  | 'question'
  | 'choice'
  | 'queue'
  | 'transfer'
  | 'hangup';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** 1-based line the editor moves to when the node is clicked. */
  line: number;
  /** What the node covers in the source; null for the shared end points (queues, hangup). */
  range: SourceRange | null;
  /** No path from the flow's entry leads here (computed from the edges, or reported as CF401). */
  unreachable: boolean;
  /** Diagnostics whose innermost node this is. */
  errors: number;
  warnings: number;
  /** The first error's message, for the node's tooltip. */
  problem: string | null;
}

export type GraphEdgeKind =
  | 'enter'
  | 'choice'
  | 'goto'
  | 'retry'
  | 'repeat'
  | 'queue'
  | 'transfer'
  | 'hangup'
  | 'call';

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  /** Short text drawn on the edge: the branch it belongs to (`on error`, `after retries`, `≤3`). */
  label: string;
  /** The statement that makes the transition (1-based). */
  line: number;
}

export interface FlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Terminal nodes are shared by everything that reaches them, so they have no range of their own. */
const TERMINALS: ReadonlySet<GraphNodeKind> = new Set(['queue', 'transfer', 'hangup']);

export function isTerminal(node: GraphNode): boolean {
  return TERMINALS.has(node.kind);
}

export function buildFlowGraph(document: Document, diagnostics: readonly Diagnostic[] = []): FlowGraph {
  const builder = new GraphBuilder(document);
  for (const [i, declaration] of document.declarations.entries()) builder.declaration(declaration, i);
  const graph = { nodes: [...builder.nodes.values()], edges: builder.edges };
  markReachability(graph, builder.roots);
  markDiagnostics(graph, diagnostics);
  return graph;
}

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  /** Where calls start: flow and survey entries (subflows are reached through `call`). */
  readonly roots: string[] = [];
  private readonly subflows = new Map<string, string>();
  private steps = new Map<string, string>();

  constructor(document: Document) {
    document.declarations.forEach((d, i) => {
      if (d.kind === 'Subflow') this.subflows.set(d.name.text, `d${i}`);
    });
  }

  declaration(d: Declaration, index: number): void {
    const id = `d${index}`;
    if (d.kind === 'Subflow') {
      const params = d.params.map((p) => p.text).join(', ');
      this.node(id, 'subflow', `${d.name.text}(${params})`, d.range);
      this.steps = new Map();
      this.block(d.body, { from: id, owner: id, label: '', menu: null });
      return;
    }
    this.node(id, 'entry', d.name.value, d.range);
    this.roots.push(id);
    this.steps = new Map(d.steps.map((s) => [s.name.text, `${id}/step:${s.name.text}`]));
    for (const clause of d.header) {
      if (clause.kind === 'Fallback')
        this.block([clause.action], { from: id, owner: id, label: 'fallback', menu: null });
    }
    this.block(d.body, { from: id, owner: id, label: '', menu: null });
    for (const step of d.steps) {
      const stepId = this.steps.get(step.name.text)!;
      if (this.nodes.has(stepId)) continue; // a duplicate step name is the checker's to report
      this.node(stepId, 'step', step.name.text, step.range);
      this.block(step.body, { from: stepId, owner: stepId, label: '', menu: null });
    }
  }

  private block(statements: Statement[], at: Position): void {
    for (const s of statements) this.statement(s, at);
  }

  private branch(branch: Branch | null, at: Position, label: string): void {
    if (branch) this.block(branch.body, { ...at, label });
  }

  private statement(s: Statement, at: Position): void {
    switch (s.kind) {
      case 'Menu': {
        const id = this.unique(`${at.owner}/menu:${s.name.text}`);
        this.node(id, 'menu', s.name.text, s.range);
        this.edge(at.from, id, 'enter', at.label, s.range);
        for (const choice of s.choices) this.choice(id, choice, keysLabel(choice));
        if (s.afterRetries) this.choiceBranch(id, 'after retries', s.afterRetries, s.afterRetries.range);
        return;
      }
      case 'Question': {
        const id = this.unique(`${at.owner}/question:${s.name.text}`);
        this.node(id, 'question', s.name.text, s.range);
        this.edge(at.from, id, 'enter', at.label, s.range);
        for (const b of s.branches) this.choiceBranch(id, b.answer.key, b.body, b.range);
        return;
      }
      case 'Ask':
        for (const h of s.handlers) this.branch(h.body, at, keysLabel(h));
        this.branch(s.afterRetries, at, 'after retries');
        return;
      case 'Let':
      case 'Set':
        if (s.value.kind === 'Call' && s.value.subflow) this.call(s.value.callee, at, s.range);
        this.branch(s.onError, at, 'on error');
        return;
      case 'Data':
        this.branch(s.onError, at, 'on error');
        return;
      case 'CallStmt':
        this.call(s.call.callee, at, s.range);
        return;
      case 'If':
        this.block(s.then, at);
        this.block(s.otherwise ?? [], at);
        return;
      case 'Goto':
        this.jump(at, s.target.text, 'goto', at.label, s.range);
        return;
      case 'Retry':
        this.jump(at, s.target.text, 'retry', `≤${s.times.value}`, s.range);
        this.statement(s.otherwise, { ...at, label: 'then' });
        return;
      case 'Repeat':
        if (at.menu) this.edge(at.from, at.menu, 'repeat', at.label, s.range);
        return;
      case 'Queue': {
        const id = `queue:${s.queue.value}`;
        this.terminal(id, 'queue', s.queue.value, s.range);
        this.edge(at.from, id, 'queue', at.label, s.range);
        this.branch(s.onOverflow, { ...at, from: id }, 'overflow');
        return;
      }
      case 'Transfer': {
        const destination = exprLabel(s.destination);
        const id = `transfer:${s.target}:${destination}`;
        this.terminal(id, 'transfer', `${s.target} ${destination}`, s.range);
        this.edge(at.from, id, 'transfer', at.label, s.range);
        return;
      }
      case 'Hangup':
        this.terminal('hangup', 'hangup', 'hangup', s.range);
        this.edge(at.from, 'hangup', 'hangup', at.label, s.range);
        return;
      default:
        return;
    }
  }

  private choice(menuId: string, choice: MenuChoice, label: string): void {
    this.choiceBranch(menuId, label, choice.body, choice.range);
  }

  private choiceBranch(menuId: string, label: string, body: Branch, range: SourceRange): void {
    const id = this.unique(`${menuId}/on:${label}`);
    this.node(id, 'choice', label, range);
    this.edge(menuId, id, 'choice', '', range);
    this.block(body.body, { from: id, owner: menuId, label: '', menu: menuId });
  }

  private jump(at: Position, step: string, kind: 'goto' | 'retry', label: string, range: SourceRange): void {
    const target = this.steps.get(step);
    if (target) this.edge(at.from, target, kind, label, range);
  }

  private call(callee: Expr, at: Position, range: SourceRange): void {
    const target = callee.kind === 'Ident' ? this.subflows.get(callee.name) : undefined;
    if (target) this.edge(at.from, target, 'call', at.label, range);
  }

  private node(id: string, kind: GraphNodeKind, label: string, range: SourceRange): void {
    this.nodes.set(id, {
      id,
      kind,
      label,
      line: range.start.line,
      range,
      unreachable: false,
      errors: 0,
      warnings: 0,
      problem: null,
    });
  }

  /** A shared end point: its line is where it is first used. */
  private terminal(id: string, kind: GraphNodeKind, label: string, range: SourceRange): void {
    if (this.nodes.has(id)) return;
    this.node(id, kind, label, range);
    this.nodes.get(id)!.range = null;
  }

  private edge(source: string, target: string, kind: GraphEdgeKind, label: string, range: SourceRange): void {
    const base = `${source}->${target}:${kind}@${range.start.line}`;
    let id = base;
    for (let n = 2; this.edges.some((e) => e.id === id); n++) id = `${base}#${n}`;
    this.edges.push({ id, source, target, kind, label, line: range.start.line });
  }

  private unique(id: string): string {
    let candidate = id;
    for (let n = 2; this.nodes.has(candidate); n++) candidate = `${id}#${n}`;
    return candidate;
  }
}

/** Where statements of a block hang in the graph. */
interface Position {
  /** The node transitions start from. */
  from: string;
  /** The node whose id prefixes nested menus. */
  owner: string;
  /** Label for transitions made directly in this block. */
  label: string;
  /** The menu a `repeat` here re-prompts. */
  menu: string | null;
}

function keysLabel(choice: MenuChoice): string {
  return choice.keys.map((k) => k.key).join(', ');
}

function exprLabel(e: Expr): string {
  if (e.kind === 'String') return e.value;
  if (e.kind === 'Ident') return e.name;
  return '…';
}

function markReachability(graph: FlowGraph, roots: string[]): void {
  // A file of subflows alone is a library: each subflow is a way in.
  const starts = roots.length > 0 ? roots : graph.nodes.filter((n) => n.kind === 'subflow').map((n) => n.id);
  const next = new Map<string, string[]>();
  for (const e of graph.edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const target of next.get(queue.pop()!) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const node of graph.nodes) node.unreachable = !seen.has(node.id);
}

/** Each diagnostic counts on the innermost node whose range holds its start. */
function markDiagnostics(graph: FlowGraph, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const node = innermostNode(graph, d.range.start.offset);
    if (!node) continue;
    if (d.severity === 'error') {
      node.errors++;
      node.problem ??= d.message;
    } else if (d.severity === 'warning') {
      node.warnings++;
      if (d.code === 'CF401') node.unreachable = true;
    }
  }
}

/** The smallest non-terminal node covering a source offset. */
export function innermostNode(graph: FlowGraph, offset: number): GraphNode | null {
  let best: GraphNode | null = null;
  for (const node of graph.nodes) {
    const r = node.range;
    if (!r || r.start.offset > offset || offset > r.end.offset) continue;
    if (!best?.range || r.end.offset - r.start.offset < best.range.end.offset - best.range.start.offset)
      best = node;
  }
  return best;
}

/** The smallest non-terminal node covering a 1-based line. */
export function nodeAtLine(graph: FlowGraph, line: number): GraphNode | null {
  let best: GraphNode | null = null;
  for (const node of graph.nodes) {
    const r = node.range;
    if (!r || r.start.line > line || line > r.end.line) continue;
    if (!best?.range || r.end.offset - r.start.offset < best.range.end.offset - best.range.start.offset)
      best = node;
  }
  return best;
}
