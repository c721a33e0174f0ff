/**
 * The question names of a survey, read from its source. The keypad survey writes each answer into
 * the call record's custom fields under the question's name (session/handlers/question.ts), next to
 * any `log` fields; the names say which of those fields are answers.
 */
import type { AnyNode } from '../../language/ast.ts';
import { parse } from '../../language/parse.ts';
import { walk } from '../../language/walk.ts';

export function questionNames(source: string, surveyName: string): string[] {
  const { document } = parse(source);
  const names: string[] = [];
  for (const declaration of document.declarations) {
    // Subflows the survey calls may ask questions too; other flows of the file never run in its calls.
    if (declaration.kind === 'Flow' && declaration.name.value !== surveyName) continue;
    walk(declaration as AnyNode, (node) => {
      if (node.kind === 'Question' && !names.includes(node.name.text)) names.push(node.name.text);
      return undefined;
    });
  }
  return names;
}
