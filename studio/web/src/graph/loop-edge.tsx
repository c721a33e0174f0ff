/** An edge from a node back to itself (`retry balance` inside step balance): an arc on its right. */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, useInternalNode } from '@xyflow/react';

export function LoopEdge({ source, label, style, markerEnd }: EdgeProps) {
  const node = useInternalNode(source);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? 0;
  const height = node.measured.height ?? 0;
  const right = x + width;
  const top = y + height * 0.25;
  const bottom = y + height * 0.75;
  const path = `M ${right} ${bottom} C ${right + 48} ${bottom + 18}, ${right + 48} ${top - 18}, ${right} ${top}`;
  return (
    <>
      <BaseEdge path={path} style={style} markerEnd={markerEnd} />
      {label && (
        <EdgeLabelRenderer>
          <div
            className="edge-label loop-label"
            style={{ transform: `translate(${right + 40}px, ${y + height / 2}px) translate(0, -50%)` }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
