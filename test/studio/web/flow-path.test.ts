import { describe, expect, it } from 'vitest';
import { parse } from '../../../language/parse.ts';
import { buildFlowGraph } from '../../../studio/web/src/graph/flow-graph.ts';
import { tracePath } from '../../../studio/web/src/graph/flow-path.ts';

const source = [
  'flow "t"', //                       1
  '  answers "100"', //                2
  '  say "hello"', //                  3
  '  menu main', //                    4
  '    prompt "1 or 3"', //            5
  '    on 1 -> queue "tech"', //       6
  '    on 3 -> goto balance', //       7
  '    after retries -> hangup', //    8
  '  step balance', //                 9
  '    ask pin = digits 4 until "#"', // 10
  '    say "ok"', //                   11
  '    hangup', //                     12
  '',
].join('\n');

const graph = buildFlowGraph(parse(source).document);
const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label;

describe('the path of a simulated call through the graph', () => {
  it('fills the gap between a menu and the step its choice jumped to, and ends at hangup', () => {
    const path = tracePath(graph, [
      { line: 3, command: 'say' },
      { line: 4, command: 'collect' },
      { line: 10, command: 'collect' },
      { line: 11, command: 'say' },
      { line: 12, command: 'hangup' },
    ]);
    expect([...path.nodes].map(label)).toEqual(['t', 'main', '3', 'balance', 'hangup']);
    expect([...path.edges].map((id) => id.replace(/@\d+$/, ''))).toEqual([
      'd0->d0/menu:main:enter',
      'd0/menu:main->d0/menu:main/on:3:choice',
      'd0/menu:main/on:3->d0/step:balance:goto',
      'd0/step:balance->hangup:hangup',
    ]);
    expect(path.current && label(path.current)).toBe('hangup');
  });

  it('lights the queue a choice sends the call to', () => {
    const path = tracePath(graph, [
      { line: 4, command: 'collect' },
      { line: 6, command: 'queue' },
    ]);
    expect([...path.nodes].map(label)).toEqual(['main', '1', 'tech']);
    expect(path.current && label(path.current)).toBe('tech');
  });

  it('ignores lines outside every node and keeps the last node as current', () => {
    const path = tracePath(graph, [
      { line: 99, command: 'say' },
      { line: 4, command: 'collect' },
    ]);
    expect([...path.nodes].map(label)).toEqual(['main']);
    expect(path.current && label(path.current)).toBe('main');
  });
});
