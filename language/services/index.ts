/**
 * Editor services for callflow: completion, hover, the outline, definitions and references, and a
 * `LanguageService` that keeps one parse per document version for all of them. Pure TypeScript with
 * no Node-only imports: it runs in a Monaco web worker and on the server alike.
 */
export {
  type CompletionItem,
  type CompletionKind,
  complete,
  completeParsed,
  type ServiceOptions,
} from './completion.ts';
export {
  definition,
  definitionParsed,
  type ReferenceOptions,
  references,
  referencesParsed,
} from './definition.ts';
export { type Hover, type HoverOptions, hover, hoverParsed } from './hover.ts';
export { LanguageService, type LanguageServiceOptions } from './language-service.ts';
export { type ParsedDocument, parseDocument } from './parsed-document.ts';
export { SourceText } from './source-text.ts';
export { type DocumentSymbol, documentSymbols, documentSymbolsParsed, type SymbolKind } from './symbols.ts';
