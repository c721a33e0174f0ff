/**
 * The flow graph beside the editor, drawn with @xyflow/react at positions from ELK. Laid out again
 * only when the graph's shape changes; marks (errors, unreachable, the call's path) update on every
 * analysis. It is fitted to its pane after each layout and whenever the pane changes size (window
 * resized, side panel moved). Clicking a node moves the editor to its line.
 */
import { Controls, type Edge, MarkerType, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { FlowGraph } from './flow-graph.ts';
import type { FlowPath } from './flow-path.ts';
import { layoutGraph, layoutKey, mergeEdges, type NodeBox } from './graph-layout.ts';
import { type FlowNode, GraphNodeView } from './graph-node.tsx';
import { LoopEdge } from './loop-edge.tsx';

export interface FlowGraphViewProps {
  graph: FlowGraph | null;
  path: FlowPath | null;
  onNodeClick(line: number): void;
}

const nodeTypes = { flow: GraphNodeView };
const FIT = { padding: 0.08, maxZoom: 1.1 };
const edgeTypes = { loop: LoopEdge };

export function FlowGraphView(props: FlowGraphViewProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvas({ graph, path, onNodeClick }: FlowGraphViewProps) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const [boxes, setBoxes] = useState<Map<string, NodeBox>>(new Map());
  const key = useMemo(() => (graph ? layoutKey(graph) : ''), [graph]);
  const latest = useRef(graph);
  latest.current = graph;
  // Fit the view once the nodes at their new places have been measured, not before.
  const fitPending = useRef(false);

  useEffect(() => {
    const current = latest.current;
    if (!current || !key) return;
    let cancelled = false;
    layoutGraph(current).then(
      (laid) => {
        if (cancelled) return;
        fitPending.current = true;
        setBoxes(laid);
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [key]);

  useEffect(() => {
    if (!fitPending.current || boxes.size === 0) return;
    let frames = 0;
    let handle = 0;
    const tryFit = () => {
      const ready = flow.viewportInitialized && flow.getNodes().every((n) => n.measured?.width);
      if (ready || ++frames > 30) {
        fitPending.current = false;
        void flow.fitView(FIT);
        return;
      }
      handle = requestAnimationFrame(tryFit);
    };
    handle = requestAnimationFrame(tryFit);
    return () => cancelAnimationFrame(handle);
  }, [boxes, flow]);

  // Refit when the pane's size changes; a pane hidden (zero size) keeps its view for when it shows.
  const pane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    let size = { width: element.clientWidth, height: element.clientHeight };
    let handle = 0;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      if (width === 0 || height === 0) return;
      if (Math.abs(width - size.width) < 1 && Math.abs(height - size.height) < 1) return;
      size = { width, height };
      cancelAnimationFrame(handle);
      // A frame later React Flow has taken the new size from its own observer.
      handle = requestAnimationFrame(() => {
        if (!fitPending.current && flow.getNodes().length > 0) void flow.fitView(FIT);
      });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(handle);
    };
  }, [flow]);

  const nodes = useMemo<FlowNode[]>(
    () =>
      (graph?.nodes ?? []).map((node) => {
        const box = boxes.get(node.id);
        return {
          id: node.id,
          type: 'flow',
          position: { x: box?.x ?? 0, y: box?.y ?? 0 },
          style: box ? { width: box.width, height: box.height } : { visibility: 'hidden' },
          data: {
            node,
            onPath: path?.nodes.has(node.id) ?? false,
            current: path?.current === node.id,
            unreachableText: t.unreachable,
          },
          draggable: false,
          connectable: false,
        };
      }),
    [graph, boxes, path, t],
  );

  const edges = useMemo<Edge[]>(
    () =>
      graph
        ? mergeEdges(graph).map((e) => {
            const onPath = e.modelIds.some((id) => path?.edges.has(id));
            return {
              id: e.id,
              source: e.source,
              target: e.target,
              type: e.source === e.target ? 'loop' : 'default',
              label: e.label || undefined,
              className: `edge-${e.kind}${onPath ? ' on-path' : ''}`,
              animated: onPath,
              markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
              data: { onPath },
              focusable: false,
            };
          })
        : [],
    [graph, path],
  );

  const unreachable = graph?.nodes.filter((n) => n.unreachable).length ?? 0;
  return (
    <div className="flow-graph" data-testid="flow-graph" ref={pane}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={(_, node) => onNodeClick((node as FlowNode).data.node.line)}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.1}
        // React Flow listens for these keys on the whole document; Space would never reach Monaco.
        panActivationKeyCode={null}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomActivationKeyCode={null}
        proOptions={{ hideAttribution: true }}
      >
        <Controls showInteractive={false} />
      </ReactFlow>
      <div className="graph-caption muted">
        {graph?.nodes.length ?? 0} {t.nodes}
        {unreachable > 0 ? ` · ${unreachable} ${t.unreachable}` : ''}
      </div>
    </div>
  );
}
