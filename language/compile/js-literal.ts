/**
 * JavaScript literals for generated code. JSON is valid JavaScript except that U+2028/U+2029 must
 * not break a line count: they are escaped so the generated text has exactly the lines the source
 * map describes.
 */
export function jsValue(value: unknown): string {
  const json = JSON.stringify(value);
  // Most literals hold neither separator: a search is cheaper than two replaces.
  if (json.indexOf('\u2028') < 0 && json.indexOf('\u2029') < 0) return json;
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function jsString(value: string): string {
  return jsValue(value);
}

/** A DSL position as the `loc` of a command or error. */
export function jsLoc(position: { line: number; column: number }): string {
  return `{ line: ${position.line}, column: ${position.column} }`;
}
