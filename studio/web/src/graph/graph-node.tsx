/**
 * One node of the flow graph: its kind, label, and marks — errors (red), unreachable (faded,
 * dashed), on the last simulated call's path (highlighted), the call's current node (pulsing).
 */
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { GraphNode } from './flow-graph.ts';

export type FlowNodeData = {
  node: GraphNode;
  onPath: boolean;
  current: boolean;
  unreachableText: string;
};

export type FlowNode = Node<FlowNodeData, 'flow'>;

// Plain symbols every system font has (no emoji: headless and kiosk browsers lack those fonts).
const ICONS: Record<GraphNode['kind'], string> = {
  entry: '▶',
  step: '▸',
  subflow: 'ƒ',
  menu: '≡',
  question: '?',
  choice: '',
  queue: '',
  transfer: '→',
  hangup: '■',
};

export function GraphNodeView({ data }: NodeProps<FlowNode>) {
  const { node, onPath, current, unreachableText } = data;
  const classes = [
    'graph-node',
    `kind-${node.kind}`,
    node.errors > 0 ? 'has-errors' : node.warnings > 0 ? 'has-warnings' : '',
    node.unreachable ? 'unreachable' : '',
    onPath ? 'on-path' : '',
    current ? 'current' : '',
  ].filter(Boolean);
  const title = [
    `${node.kind} ${node.label} (line ${node.line})`,
    node.unreachable ? unreachableText : '',
    node.problem ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div
      className={classes.join(' ')}
      title={title}
      data-node-id={node.id}
      data-on-path={onPath ? 'true' : undefined}
      data-errors={node.errors || undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      {ICONS[node.kind] && <span className="node-icon">{ICONS[node.kind]}</span>}
      <span className="node-label">
        {node.kind === 'queue' || node.kind === 'transfer' ? (
          <>
            <span className="node-kind">{node.kind}</span> {node.label}
          </>
        ) : (
          node.label
        )}
      </span>
      {node.errors > 0 && <span className="node-badge error">{node.errors}</span>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
