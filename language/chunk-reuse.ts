/**
 * Reading a new version of a document from the chunks of the previous one (line-chunk.ts). The
 * text before the first changed character and after the last one is unchanged, so:
 *   - chunks wholly before the edit are kept as they are (an `open` one, which looked past its end,
 *     is read again);
 *   - from the edit on, chunks are read again until reading reaches a line start inside the
 *     unchanged tail where a previous chunk also started: lexing only ever reads forward from a line
 *     start, so from there on every chunk is the previous one, moved by the edit's change in length
 *     and in line count.
 * The result is exactly what reading every chunk again would give.
 */
import type { Chunk } from './line-chunk.ts';
import type { SourceRange } from './source-range.ts';

export interface PreviousChunks {
  source: string;
  chunks: Chunk[];
}

/** How many chunks the last `chunksOf` call kept, moved and read (what the cache saved). */
export interface ChunkReuse {
  kept: number;
  moved: number;
  read: number;
}

export function chunksOf(
  source: string,
  read: (start: number, line: number) => Chunk,
  previous: PreviousChunks | null,
  reuse: ChunkReuse = { kept: 0, moved: 0, read: 0 },
): Chunk[] {
  const chunks: Chunk[] = [];
  let pos = 0;
  let line = 1;
  const old = previous?.chunks ?? [];
  let tailStart = Number.POSITIVE_INFINITY;
  let delta = 0;
  if (previous !== null) {
    const before = previous.source;
    const prefix = commonPrefix(before, source);
    tailStart = source.length - commonSuffix(before, source);
    delta = source.length - before.length;
    for (const c of old) {
      // One character past the chunk must match too: `\r` + a new `\n` would move the next line start.
      const unchanged = c.end < prefix || (c.end === prefix && prefix === source.length);
      if (!unchanged) break;
      // An open chunk looked at the changed text: read it again; if it now ends elsewhere, so do the rest.
      const chunk = c.open ? read(c.start, c.line) : c;
      if (chunk === c) reuse.kept++;
      else reuse.read++;
      chunks.push(chunk);
      pos = chunk.end;
      line = chunk.line + chunk.breaks;
      if (chunk.end !== c.end) break;
    }
  }
  while (pos < source.length) {
    if (pos >= tailStart) {
      const from = findChunk(old, pos - delta);
      if (from >= 0) {
        const lineDelta = line - old[from]!.line;
        for (let i = from; i < old.length; i++) chunks.push(moveChunk(old[i]!, delta, lineDelta));
        reuse.moved = old.length - from;
        return chunks;
      }
    }
    const chunk = read(pos, line);
    chunks.push(chunk);
    reuse.read++;
    pos = chunk.end;
    line += chunk.breaks;
  }
  return chunks;
}

/** A chunk moved by `offset` characters and `lines` lines: its nodes and diagnostics are copies. */
export function moveChunk(c: Chunk, offset: number, lines: number): Chunk {
  if (offset === 0 && lines === 0) return c;
  return {
    start: c.start + offset,
    end: c.end + offset,
    line: c.line + lines,
    breaks: c.breaks,
    open: c.open,
    first: c.first && { offset: c.first.offset + offset, line: c.first.line + lines },
    head: c.head && moved(c.head, offset, lines),
    comments: movedList(c.comments, offset, lines),
    lexDiagnostics: movedList(c.lexDiagnostics, offset, lines),
    parseDiagnostics: movedList(c.parseDiagnostics, offset, lines),
    actionDiagnostics: movedList(c.actionDiagnostics, offset, lines),
  };
}

function movedList<T>(list: T[], offset: number, lines: number): T[] {
  return list.length === 0 ? list : moved(list, offset, lines);
}

/**
 * A deep copy of plain data (AST nodes, diagnostics) with every position moved. Positions only
 * occur in ranges (`range`, `codeRange`, `arrowRange`); columns stay, since a chunk starts at a line
 * start. Copies by spreading: the fastest copy of an object V8 has.
 */
function moved<T>(value: T, offset: number, lines: number): T {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = typeof item === 'object' && item !== null ? moved(item, offset, lines) : item;
    }
    return out as T;
  }
  const copy = { ...value } as Record<string, unknown>;
  for (const key in copy) {
    const item = copy[key];
    if (typeof item !== 'object' || item === null) continue;
    copy[key] =
      key === 'range' || key === 'codeRange' || key === 'arrowRange'
        ? movedRange(item as SourceRange, offset, lines)
        : moved(item, offset, lines);
  }
  return copy as T;
}

function movedRange(range: SourceRange, offset: number, lines: number): SourceRange {
  const { start, end } = range;
  return {
    start: { line: start.line + lines, column: start.column, offset: start.offset + offset },
    end: { line: end.line + lines, column: end.column, offset: end.offset + offset },
  };
}

/** Index of the chunk starting at `start` (chunks are in order), or -1. */
function findChunk(chunks: Chunk[], start: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = chunks[mid]!.start;
    if (at === start) return mid;
    if (at < start) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

// Texts are compared a block at a time first: string equality runs at memory speed.
const BLOCK = 512;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Length of the common tail of `a` and `b`. It may overlap the common prefix (text typed again
 * right after itself): both hold, and the tail is what lets reading resume early.
 */
function commonSuffix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (
    i + BLOCK <= n &&
    a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)
  )
    i += BLOCK;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
