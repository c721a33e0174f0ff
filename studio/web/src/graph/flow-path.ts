/**
 * The path a call took through the graph, from the runtime's `step` events (each names the DSL
 * line of the command it ran). Lines map to the innermost node; between two nodes with no direct
 * edge (a menu, then the step its choice jumped to) the shortest route through the graph fills the
 * gap; a `queue`, `transfer` or `hangup` command lights the edge to that end point.
 */
import { type FlowGraph, type GraphEdgeKind, nodeAtLine } from './flow-graph.ts';

export interface PathStep {
  line: number;
  /** The command's type (`say`, `collect`, `queue`, `hangup`, …). */
  command: string;
}

export interface FlowPath {
  nodes: Set<string>;
  edges: Set<string>;
  /** The node of the last step: where the call is now (or ended). */
  current: string | null;
}

const ENDING_COMMANDS: Record<string, GraphEdgeKind> = {
  queue: 'queue',
  transfer: 'transfer',
  hangup: 'hangup',
};

export function tracePath(graph: FlowGraph, steps: readonly PathStep[]): FlowPath {
  const path: FlowPath = { nodes: new Set(), edges: new Set(), current: null };
  let previous: string | null = null;
  for (const step of steps) {
    const node = nodeAtLine(graph, step.line);
    if (!node) continue;
    if (previous && previous !== node.id) {
      for (const edge of shortestRoute(graph, previous, node.id)) {
        path.edges.add(edge);
        path.nodes.add(graph.edges.find((e) => e.id === edge)!.target);
      }
    }
    path.nodes.add(node.id);
    previous = node.id;
    path.current = node.id;
    const kind = ENDING_COMMANDS[step.command];
    const ending =
      kind && graph.edges.find((e) => e.kind === kind && e.line === step.line && e.source === node.id);
    if (ending) {
      path.edges.add(ending.id);
      path.nodes.add(ending.target);
      path.current = ending.target;
    }
  }
  return path;
}

/** Edge ids of a shortest route (breadth-first); empty when the target cannot be reached. */
function shortestRoute(graph: FlowGraph, from: string, to: string): string[] {
  const via = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === to) break;
    for (const edge of graph.edges) {
      if (edge.source !== at || seen.has(edge.target)) continue;
      seen.add(edge.target);
      via.set(edge.target, edge.id);
      queue.push(edge.target);
    }
  }
  if (!via.has(to)) return [];
  const route: string[] = [];
  for (let node = to; node !== from; ) {
    const edgeId = via.get(node)!;
    route.push(edgeId);
    node = graph.edges.find((e) => e.id === edgeId)!.source;
  }
  return route.reverse();
}
