/**
 * A line diff of two flow versions (Myers' O(ND) algorithm), as the studio shows it and as unified
 * diff text for the CLI: runs of equal, removed and added lines, and hunks with context.
 */

export interface DiffLine {
  op: 'equal' | 'remove' | 'add';
  text: string;
  /** 1-based line in the old text (equal/remove) and in the new one (equal/add). */
  oldLine: number | null;
  newLine: number | null;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** Unified diff text (`@@ -a,b +c,d @@` hunks, 3 lines of context). */
  unified: string;
}

export function diffLines(oldText: string, newText: string, labels = { old: 'old', new: 'new' }): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const lines = myers(a, b);
  return {
    lines,
    added: lines.filter((l) => l.op === 'add').length,
    removed: lines.filter((l) => l.op === 'remove').length,
    unified: unified(lines, labels),
  };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Shortest edit script by the greedy forward search, then a walk back through the saved frontiers. */
function myers(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v);
  // Walk back from (n, m) to (0, 0), one edit per frontier.
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const frontier = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY && x > 0 && y > 0) {
      out.push({ op: 'equal', text: a[x - 1], oldLine: x, newLine: y });
      x--;
      y--;
    }
    if (d === 0) break;
    if (down) {
      out.push({ op: 'add', text: b[y - 1], oldLine: null, newLine: y });
      y--;
    } else {
      out.push({ op: 'remove', text: a[x - 1], oldLine: x, newLine: null });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'equal', text: a[x - 1], oldLine: x, newLine: y });
    x--;
    y--;
  }
  return out.reverse();
}

function unified(lines: DiffLine[], labels: { old: string; new: string }): string {
  const changed = lines.map((l, i) => (l.op === 'equal' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const context = 3;
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const out = [`--- ${labels.old}`, `+++ ${labels.new}`];
  for (const [start, end] of hunks) {
    const slice = lines.slice(start, end + 1);
    const oldCount = slice.filter((l) => l.op !== 'add').length;
    const newCount = slice.filter((l) => l.op !== 'remove').length;
    const oldStart = firstLine(lines, start, 'oldLine');
    const newStart = firstLine(lines, start, 'newLine');
    out.push(
      `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`,
    );
    for (const l of slice) out.push(`${l.op === 'equal' ? ' ' : l.op === 'add' ? '+' : '-'}${l.text}`);
  }
  return `${out.join('\n')}\n`;
}

/** The line number a hunk starts at on one side (the next line that has one, or one past the end). */
function firstLine(lines: DiffLine[], from: number, side: 'oldLine' | 'newLine'): number {
  for (let i = from; i < lines.length; i++) {
    const n = lines[i][side];
    if (n !== null) return n;
  }
  for (let i = from - 1; i >= 0; i--) {
    const n = lines[i][side];
    if (n !== null) return n + 1;
  }
  return 1;
}
