/**
 * Source Map v3, written by hand (no dependency, runs in the browser): base64 VLQ `mappings` from
 * generated script positions back to flow source positions, and the reverse lookup the runtime uses
 * to turn a QuickJS stack position into the flow line and column.
 *
 * Positions at this module's public surface are 1-based lines and columns, exactly as QuickJS prints
 * them in a stack (`at <anonymous> (support.js:42:17)`) and as editors show flow positions. Internally
 * (and in the encoded map, per the spec) lines and columns are 0-based.
 */
import type { SourceMapV3 } from '../compiled-format.ts';

/** One segment: a generated position (0-based) that starts code from a source position (0-based). */
export interface Mapping {
  generatedLine: number;
  generatedColumn: number;
  sourceLine: number;
  sourceColumn: number;
}

export interface OriginalPosition {
  source: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((char, index) => [char, index]));

export function encodeVlq(value: number): string {
  let vlq = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = vlq & 31;
    vlq >>>= 5;
    if (vlq > 0) digit |= 32;
    out += BASE64[digit];
  } while (vlq > 0);
  return out;
}

/** Decodes every VLQ number in one segment (`AAgBC` → [0, 0, 16, 1]). */
export function decodeVlqSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64_VALUE.get(char);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character '${char}'`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -Math.floor(value / 2) : Math.floor(value / 2));
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * Encodes mappings (any order) for a single source. Segments at the same generated position keep
 * the last one given: the emitter marks outer nodes before inner ones, and the innermost is the
 * most precise answer.
 */
export function encodeMappings(mappings: readonly Mapping[]): string {
  const sorted = lastPerPosition(mappings);
  const lines: string[] = [];
  let previousSourceLine = 0;
  let previousSourceColumn = 0;
  let index = 0;
  const lastLine = sorted.length > 0 ? sorted[sorted.length - 1].generatedLine : -1;
  for (let line = 0; line <= lastLine; line++) {
    const segments: string[] = [];
    let previousColumn = 0;
    while (index < sorted.length && sorted[index].generatedLine === line) {
      const m = sorted[index++];
      segments.push(
        encodeVlq(m.generatedColumn - previousColumn) +
          encodeVlq(0) +
          encodeVlq(m.sourceLine - previousSourceLine) +
          encodeVlq(m.sourceColumn - previousSourceColumn),
      );
      previousColumn = m.generatedColumn;
      previousSourceLine = m.sourceLine;
      previousSourceColumn = m.sourceColumn;
    }
    lines.push(segments.join(','));
  }
  return lines.join(';');
}

/** One mapping per generated position (the last given), sorted by position. */
function lastPerPosition(mappings: readonly Mapping[]): Mapping[] {
  // The code writer records positions in order: then repeats are neighbours and no sort is needed.
  const inOrder = mappings.every((m, i) => i === 0 || compare(mappings[i - 1]!, m) <= 0);
  if (inOrder)
    return mappings.filter((m, i) => i === mappings.length - 1 || compare(m, mappings[i + 1]!) !== 0);
  const byPosition = new Map<string, Mapping>();
  for (const m of mappings) byPosition.set(`${m.generatedLine}:${m.generatedColumn}`, m);
  return [...byPosition.values()].sort(compare);
}

function compare(a: Mapping, b: Mapping): number {
  return a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn;
}

export function buildSourceMap(
  mappings: readonly Mapping[],
  options: { file: string; source: string; sourceContent?: string },
): SourceMapV3 {
  const map: SourceMapV3 = {
    version: 3,
    file: options.file,
    sources: [options.source],
    names: [],
    mappings: encodeMappings(mappings),
  };
  if (options.sourceContent !== undefined) map.sourcesContent = [options.sourceContent];
  return map;
}

interface DecodedSegment {
  column: number;
  source: number;
  line: number;
  sourceColumn: number;
}

/** Decoded segments per generated line, cached per map object (lookups happen on every error). */
const decodedCache = new WeakMap<SourceMapV3, DecodedSegment[][]>();

export function decodeMappings(map: SourceMapV3): DecodedSegment[][] {
  const cached = decodedCache.get(map);
  if (cached) return cached;
  const lines: DecodedSegment[][] = [];
  let source = 0;
  let line = 0;
  let sourceColumn = 0;
  for (const lineText of map.mappings.split(';')) {
    const segments: DecodedSegment[] = [];
    let column = 0;
    if (lineText !== '') {
      for (const segmentText of lineText.split(',')) {
        const fields = decodeVlqSegment(segmentText);
        column += fields[0] ?? 0;
        // One-field segments map generated code to nothing; keep them out of lookups.
        if (fields.length < 4) continue;
        source += fields[1];
        line += fields[2];
        sourceColumn += fields[3];
        segments.push({ column, source, line, sourceColumn });
      }
    }
    lines.push(segments);
  }
  decodedCache.set(map, lines);
  return lines;
}

/**
 * The flow position of a generated position (1-based line and column, as QuickJS reports them):
 * the last segment on that line starting at or before the column, else the line's first segment
 * (a position in the indentation before the statement). Null for lines no flow code produced
 * (the prelude, the dispatcher).
 */
export function originalPositionFor(map: SourceMapV3, line: number, column: number): OriginalPosition | null {
  const segments = decodeMappings(map)[line - 1];
  if (!segments || segments.length === 0) return null;
  const target = column - 1;
  let found = segments[0];
  for (const segment of segments) {
    if (segment.column > target) break;
    found = segment;
  }
  return {
    source: map.sources[found.source] ?? map.sources[0] ?? '',
    line: found.line + 1,
    column: found.sourceColumn + 1,
  };
}

export interface StackFrame {
  file: string;
  line: number;
  column: number;
}

/**
 * `file:line:col` or `file:line`. The file name takes everything before the last one or two
 * numbers, so a name with colons or parentheses (`C:\\flows\\a (1).js`) stays whole; the column
 * form is tried first, or a greedy name would swallow the line (`a.js:3` + line 11).
 */
const WITH_COLUMN = /^(.+):(\d+):(\d+)$/;
const LINE_ONLY = /^(.+):(\d+)$/;

/** Frames of a QuickJS stack (`    at name (file:line:col)` or `    at file:line:col`), innermost first. */
export function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const raw of stack.split('\n')) {
    const text = raw.trim();
    if (!text.startsWith('at ')) continue;
    const rest = text.slice(3);
    // `at name (where)`: the location starts after the name, which has no ` (` of its own.
    const open = rest.indexOf(' (');
    const where = rest.endsWith(')') && open >= 0 ? rest.slice(open + 2, -1) : rest;
    const full = WITH_COLUMN.exec(where);
    const match = full ?? LINE_ONLY.exec(where);
    if (match) frames.push({ file: match[1], line: Number(match[2]), column: full ? Number(full[3]) : 1 });
  }
  return frames;
}

/**
 * The flow position of the innermost stack frame that flow code produced. Frames in the prelude
 * (a builtin that threw on `none`) are skipped, so the answer is the statement that called it.
 * Only frames in the map's own `file` count when the map names one.
 */
export function originalPositionFromStack(
  map: SourceMapV3,
  stack: string,
): (OriginalPosition & { generated: { line: number; column: number } }) | null {
  for (const frame of parseStack(stack)) {
    if (map.file && frame.file !== map.file) continue;
    const position = originalPositionFor(map, frame.line, frame.column);
    if (position) return { ...position, generated: { line: frame.line, column: frame.column } };
  }
  return null;
}
