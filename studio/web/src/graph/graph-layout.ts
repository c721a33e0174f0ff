/**
 * Positions for the flow graph, computed by ELK's layered algorithm (top to bottom) in ELK's own
 * web worker so a large flow never stalls typing. Parallel transitions between the same two nodes
 * (four ways from `balance` to queue "general") are drawn as one edge with the labels joined.
 */
import ElkApi from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { FlowGraph, GraphEdgeKind, GraphNode } from './flow-graph.ts';

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
  label: string;
  /** The model edges this drawn edge stands for (any of them on the call's path lights it). */
  modelIds: string[];
}

export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function mergeEdges(graph: FlowGraph): DrawnEdge[] {
  const drawn = new Map<string, DrawnEdge>();
  for (const edge of graph.edges) {
    const key = `${edge.source}->${edge.target}`;
    const existing = drawn.get(key);
    if (!existing) {
      drawn.set(key, { ...edge, id: key, modelIds: [edge.id] });
      continue;
    }
    existing.modelIds.push(edge.id);
    if (edge.label && !existing.label.split(', ').includes(edge.label)) {
      existing.label = existing.label ? `${existing.label}, ${edge.label}` : edge.label;
    }
  }
  return [...drawn.values()];
}

export function nodeSize(node: GraphNode): { width: number; height: number } {
  const text = node.kind === 'queue' || node.kind === 'transfer' ? `${node.kind} ${node.label}` : node.label;
  const width = Math.min(240, Math.max(node.kind === 'choice' ? 56 : 96, 7.5 * text.length + 36));
  return { width, height: node.kind === 'choice' ? 30 : 44 };
}

/** A key that changes only when the drawing's shape does (not on every keystroke). */
export function layoutKey(graph: FlowGraph): string {
  return [
    graph.nodes.map((n) => `${n.id}:${nodeSize(n).width}`).join('|'),
    mergeEdges(graph)
      .map((e) => e.id)
      .join('|'),
  ].join('#');
}

type ElkConstructor = typeof ElkApi.default;
// The UMD file's CommonJS export looks different to TypeScript and to the bundler: take either.
const ELK: ElkConstructor =
  (ElkApi as unknown as { default?: ElkConstructor }).default ?? (ElkApi as unknown as ElkConstructor);

let elk: InstanceType<ElkConstructor> | null = null;

export async function layoutGraph(graph: FlowGraph): Promise<Map<string, NodeBox>> {
  elk ??= new ELK({ workerUrl: elkWorkerUrl });
  const edges = mergeEdges(graph).filter((e) => e.source !== e.target);
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '22',
      'elk.layered.spacing.nodeNodeBetweenLayers': '42',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      // Keep choices in source order (1, 2, 3, timeout, after retries) where crossings allow.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n) })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const boxes = new Map<string, NodeBox>();
  for (const child of result.children ?? []) {
    boxes.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
  }
  return boxes;
}
