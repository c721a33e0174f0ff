/**
 * Finding and reading `callflow.workspace.json`, the workspace a flow file is checked against: the
 * nearest one in the flow's folder or its parents. A broken config is a CF600 diagnostic on the
 * config file (with the line of the offending key when it can be found), never an exception; no
 * config at all is a CF607 warning and the empty workspace.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic, Locale } from '../language/diagnostic.ts';
import { diagnostic } from '../language/messages.ts';
import type { Position, SourceRange } from '../language/source-range.ts';
import { EMPTY_RANGE } from '../language/source-range.ts';
import { EMPTY_WORKSPACE, parseWorkspace, type Workspace } from '../language/workspace.ts';

export const WORKSPACE_FILE = 'callflow.workspace.json';

export interface FileDiagnostic {
  /** Absolute path of the file the diagnostic is about (the config, or the flow when none exists). */
  file: string;
  diagnostic: Diagnostic;
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Absolute path of the config that was read; null when none was found. */
  configPath: string | null;
  diagnostics: FileDiagnostic[];
}

export interface LoadOptions {
  locale?: Locale;
}

/** The nearest `callflow.workspace.json` at or above `dir`, or null. */
export async function findWorkspaceFile(dir: string): Promise<string | null> {
  let current = resolve(dir);
  for (;;) {
    const candidate = join(current, WORKSPACE_FILE);
    if (await isFile(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

export async function loadWorkspaceFor(
  flowPath: string,
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  const locale = options.locale ?? 'en';
  const configPath = await findWorkspaceFile(dirname(resolve(flowPath)));
  if (!configPath) {
    return {
      workspace: EMPTY_WORKSPACE,
      configPath: null,
      diagnostics: [{ file: resolve(flowPath), diagnostic: diagnostic('CF607', EMPTY_RANGE, {}, locale) }],
    };
  }
  return loadWorkspaceFile(configPath, options);
}

export async function loadWorkspaceFile(
  configPath: string,
  options: LoadOptions = {},
): Promise<LoadedWorkspace> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return invalid(configPath, [diagnostic('CF600', EMPTY_RANGE, { detail }, options.locale)]);
  }
  const { workspace, diagnostics } = workspaceFromText(text, options.locale);
  if (diagnostics.length > 0) return invalid(configPath, diagnostics);
  return { workspace, configPath, diagnostics: [] };
}

function invalid(configPath: string, diagnostics: Diagnostic[]): LoadedWorkspace {
  return {
    workspace: EMPTY_WORKSPACE,
    configPath,
    diagnostics: diagnostics.map((d) => ({ file: configPath, diagnostic: d })),
  };
}

/** Parses and validates config text; ranges point into `text`. */
export function workspaceFromText(
  text: string,
  locale: Locale = 'en',
): { workspace: Workspace; diagnostics: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = positionAt(text, jsonErrorOffset(text));
    return {
      workspace: EMPTY_WORKSPACE,
      diagnostics: [diagnostic('CF600', { start: position, end: position }, { detail }, locale)],
    };
  }
  const result = parseWorkspace(json);
  if (result.ok) return { workspace: result.workspace, diagnostics: [] };
  // Each error reads `queues.tech.strategy: message`: the path finds the line.
  const diagnostics = result.errors.map((detail) => {
    const path = detail.slice(0, Math.max(0, detail.indexOf(': '))).split('.');
    return diagnostic('CF600', keyRange(text, path), { detail }, locale);
  });
  return { workspace: EMPTY_WORKSPACE, diagnostics };
}

/**
 * Where the deepest key of `path` is written: each key is searched after the previous one, which
 * finds it in any config written as nested objects (the search is textual, not a JSON parser).
 */
function keyRange(text: string, path: string[]): SourceRange {
  let from = 0;
  let found: [number, number] | null = null;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue; // an array index has no key in the text
    const quoted = JSON.stringify(key);
    const at = text.indexOf(quoted, from);
    if (at < 0) break;
    found = [at, at + quoted.length];
    from = at + quoted.length;
  }
  if (!found) return EMPTY_RANGE;
  return { start: positionAt(text, found[0]), end: positionAt(text, found[1]) };
}

function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Offset of the first JSON syntax error. V8's messages give it only for some errors ("Unexpected
 * token ',', …" has none), so a small scanner finds it; it runs only on text JSON.parse rejected.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
      if (!number) fail();
      i += number![0].length;
    }
  };
  try {
    value();
    space();
    return Math.min(i, text.length);
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}
