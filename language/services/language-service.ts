/**
 * One object for an editor (the Monaco worker, the studio server): documents by URI and version,
 * each parsed once per version and shared by completion, hover, symbols, definitions and
 * diagnostics. Same text at a new version keeps the parse (undo/redo, a save without edits); new
 * text is parsed incrementally: only the lines an edit touched are read again.
 */
import { sortDiagnostics } from '../analyze.ts';
import { check } from '../check.ts';
import type { Diagnostic, Locale } from '../diagnostic.ts';
import { IncrementalParser } from '../parse.ts';
import type { SourceRange } from '../source-range.ts';
import { EMPTY_WORKSPACE, type Workspace } from '../workspace.ts';
import { type CompletionItem, completeParsed } from './completion.ts';
import { definitionParsed, type ReferenceOptions, referencesParsed } from './definition.ts';
import { type Hover, hoverParsed } from './hover.ts';
import { type ParsedDocument, parseDocument } from './parsed-document.ts';
import { type DocumentSymbol, documentSymbolsParsed } from './symbols.ts';

interface OpenDocument {
  version: number;
  source: string;
  parsed: ParsedDocument | null;
  diagnostics: { workspace: Workspace; list: Diagnostic[] } | null;
  /** Kept across versions: it holds the lines of the last version parsed. */
  parser: IncrementalParser;
}

export interface LanguageServiceOptions {
  workspace?: Workspace;
  locale?: Locale;
}

export class LanguageService {
  private readonly documents = new Map<string, OpenDocument>();
  private workspace: Workspace;
  private locale: Locale;
  /** How many times a document was parsed (what the cache saves; read by tests and the studio's stats). */
  parseCount = 0;

  constructor(options: LanguageServiceOptions = {}) {
    this.workspace = options.workspace ?? EMPTY_WORKSPACE;
    this.locale = options.locale ?? 'en';
  }

  setWorkspace(workspace: Workspace): void {
    this.workspace = workspace;
  }

  /** Changes the language of docs and diagnostics; parses are redone for the new messages. */
  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    for (const doc of this.documents.values()) {
      doc.parsed = null;
      doc.diagnostics = null;
    }
  }

  /** Opens or updates a document. Parsing waits until a service asks. */
  update(uri: string, version: number, source: string): void {
    const current = this.documents.get(uri);
    // A late message about an older version must not replace newer text.
    if (current && version < current.version) return;
    if (current && current.source === source) {
      current.version = version;
      return;
    }
    const parser = current?.parser ?? new IncrementalParser();
    this.documents.set(uri, { version, source, parsed: null, diagnostics: null, parser });
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  version(uri: string): number | null {
    return this.documents.get(uri)?.version ?? null;
  }

  /** The cached parse of a document's current version (parsing it on first use). */
  parsed(uri: string): ParsedDocument | null {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    if (!doc.parsed) {
      doc.parsed = parseDocument(doc.source, this.locale, doc.parser);
      this.parseCount++;
    }
    return doc.parsed;
  }

  complete(uri: string, offset: number): CompletionItem[] {
    const parsed = this.parsed(uri);
    return parsed ? completeParsed(parsed, offset, this.workspace, { locale: this.locale }) : [];
  }

  hover(uri: string, offset: number): Hover | null {
    const parsed = this.parsed(uri);
    return parsed ? hoverParsed(parsed, offset, this.workspace, { locale: this.locale }) : null;
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    const parsed = this.parsed(uri);
    return parsed ? documentSymbolsParsed(parsed) : [];
  }

  definition(uri: string, offset: number): SourceRange | null {
    const parsed = this.parsed(uri);
    return parsed ? definitionParsed(parsed, offset) : null;
  }

  references(uri: string, offset: number, options?: ReferenceOptions): SourceRange[] {
    const parsed = this.parsed(uri);
    return parsed ? referencesParsed(parsed, offset, options) : [];
  }

  /** Syntax and checker diagnostics, sorted as `analyze` sorts them; cached per version and workspace. */
  diagnostics(uri: string): Diagnostic[] {
    const parsed = this.parsed(uri);
    const doc = this.documents.get(uri);
    if (!parsed || !doc) return [];
    if (doc.diagnostics?.workspace !== this.workspace) {
      const list = [
        ...parsed.diagnostics,
        ...check(parsed.document, this.workspace, { locale: this.locale }),
      ];
      doc.diagnostics = { workspace: this.workspace, list: sortDiagnostics(list) };
    }
    return doc.diagnostics.list;
  }
}
