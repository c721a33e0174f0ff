import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../language/analyze.ts';
import { parse } from '../../../language/parse.ts';
import { parseWorkspace, type Workspace } from '../../../language/workspace.ts';
import { buildFlowGraph, type FlowGraph, nodeAtLine } from '../../../studio/web/src/graph/flow-graph.ts';

/** Source in, graph out: nodes as `kind label`, edges as `source -kind-> target`, with readable ids. */
function graphOf(source: string, workspace?: Workspace): FlowGraph {
  if (workspace) {
    const { document, diagnostics } = analyze(source, workspace);
    return buildFlowGraph(document, diagnostics);
  }
  return buildFlowGraph(parse(source).document);
}

function workspaceOf(json: unknown): Workspace {
  const parsed = parseWorkspace(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.workspace;
}

const nodes = (g: FlowGraph) => g.nodes.map((n) => `${n.kind} ${n.label}`);
const label = (g: FlowGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id)!;
  return `${n.kind} ${n.label}`;
};
const edges = (g: FlowGraph) =>
  g.edges.map(
    (e) => `${label(g, e.source)} -${e.kind}${e.label ? `(${e.label})` : ''}-> ${label(g, e.target)}`,
  );

const flow = (...lines: string[]) => `flow "t"\n  answers "100"\n${lines.map((l) => `  ${l}`).join('\n')}\n`;

describe('flow graph from the AST', () => {
  it('draws a menu with a node per choice and the transitions each choice makes', () => {
    const g = graphOf(
      flow(
        'menu main retries 2',
        '  prompt "1 or 2"',
        '  on 1 -> queue "tech"',
        '  on 2 -> goto bye',
        '  on timeout, invalid -> repeat',
        '  after retries -> hangup',
        '',
        'step bye',
        '  say "bye"',
        '  hangup',
      ),
    );
    expect(nodes(g)).toEqual([
      'entry t',
      'menu main',
      'choice 1',
      'queue tech',
      'choice 2',
      'choice timeout, invalid',
      'choice after retries',
      'hangup hangup',
      'step bye',
    ]);
    expect(edges(g)).toEqual([
      'entry t -enter-> menu main',
      'menu main -choice-> choice 1',
      'choice 1 -queue-> queue tech',
      'menu main -choice-> choice 2',
      'choice 2 -goto-> step bye',
      'menu main -choice-> choice timeout, invalid',
      'choice timeout, invalid -repeat-> menu main',
      'menu main -choice-> choice after retries',
      'choice after retries -hangup-> hangup hangup',
      'step bye -hangup-> hangup hangup',
    ]);
  });

  it('labels branch transitions: retry bounds, `then`, `on error`, `after retries`, overflow', () => {
    const g = graphOf(
      flow(
        'goto balance',
        'step balance',
        '  ask pin = digits 4 until "#" retries 2',
        '    prompt "PIN"',
        '    after retries -> queue "general"',
        '  let a = billing.balance(pin)',
        '    on error -> transfer to extension "100"',
        '  if a is none',
        '    retry balance at most 3 times, then queue "general"',
        '  queue "vip" max wait 1m',
        '    on overflow -> queue "general"',
      ),
    );
    expect(edges(g)).toEqual([
      'entry t -goto-> step balance',
      'step balance -queue(after retries)-> queue general',
      'step balance -transfer(on error)-> transfer extension 100',
      'step balance -retry(≤3)-> step balance',
      'step balance -queue(then)-> queue general',
      'step balance -queue-> queue vip',
      'queue vip -queue(overflow)-> queue general',
    ]);
  });

  it('gives each node the line the editor jumps to, and finds the innermost node of a line', () => {
    const g = graphOf(
      flow('menu m', '  prompt "p"', '  on 1', '    say "one"', '    hangup', '  after retries -> hangup'),
    );
    expect(g.nodes.map((n) => [n.label, n.line])).toEqual([
      ['t', 1],
      ['m', 3],
      ['1', 5],
      ['hangup', 7],
      ['after retries', 8],
    ]);
    expect(nodeAtLine(g, 4)?.label).toBe('m');
    expect(nodeAtLine(g, 6)?.label).toBe('1');
    expect(nodeAtLine(g, 2)?.label).toBe('t');
  });

  it('marks steps no transition reaches as unreachable (and what only they reach)', () => {
    const g = graphOf(flow('hangup', 'step orphan', '  queue "q"', 'step used', '  hangup'));
    expect(g.nodes.filter((n) => n.unreachable).map((n) => `${n.kind} ${n.label}`)).toEqual([
      'step orphan',
      'queue q',
      'step used',
    ]);
  });

  it('draws subflows reached by `call`, and a file of subflows alone as reachable', () => {
    const g = graphOf(`subflow greet(name)\n  say "hi {name}"\n\n${flow('call greet("Ann")', 'hangup')}`);
    expect(edges(g)).toContain('entry t -call-> subflow greet(name)');
    expect(g.nodes.every((n) => !n.unreachable)).toBe(true);
    const library = graphOf('subflow a()\n  say "a"\n');
    expect(library.nodes.map((n) => [n.label, n.unreachable])).toEqual([['a()', false]]);
  });

  it('counts diagnostics on the innermost node and keeps the first error for the tooltip', () => {
    const g = graphOf(
      flow('menu m', '  on 1 -> queue "nope"', '  after retries -> goto missing'),
      workspaceOf({ queues: { general: {} } }),
    );
    const choice = g.nodes.find((n) => n.label === '1')!;
    expect(choice.errors).toBe(1);
    expect(choice.problem).toMatch(/nope/);
    expect(g.nodes.find((n) => n.label === 'after retries')!.errors).toBe(1);
    expect(g.nodes.find((n) => n.kind === 'entry')!.errors).toBe(0);
  });

  it('builds the reference scenario: the balance path goes menu → 3 → balance → hangup', () => {
    const source = readFileSync('examples/abc-internet/support.flow', 'utf8');
    const workspace = workspaceOf(
      JSON.parse(readFileSync('examples/abc-internet/callflow.workspace.json', 'utf8')),
    );
    const g = graphOf(source, workspace);
    expect(g.nodes.filter((n) => n.errors > 0 || n.unreachable)).toEqual([]);
    expect(edges(g)).toEqual(
      expect.arrayContaining([
        'entry Поддержка АВС Интернет -queue(fallback)-> queue general',
        'menu main -choice-> choice 3',
        'choice 3 -goto-> step balance',
        'queue tech-support -queue(overflow)-> queue general',
        'step balance -hangup-> hangup hangup',
      ]),
    );
  });

  it('survives half-typed text (the recovered AST)', () => {
    const g = graphOf(flow('menu m', '  on 1 -> goto', '  on 2 ->', 'step s', '  say "'));
    expect(nodes(g)).toEqual(expect.arrayContaining(['entry t', 'menu m', 'step s']));
  });
});
