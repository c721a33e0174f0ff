/**
 * Baseline for the language benchmark: a zod schema of the callflow AST, i.e. what a JSON-based flow
 * format (Twilio Studio, Amazon Connect) pays to load and validate a flow of the same size.
 * It mirrors language/ast.ts node for node so the comparison is fair.
 */
import { z } from 'zod';

const position = z.object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() });
const range = z.object({ start: position, end: position });
const base = { range };

const name = z.object({ kind: z.literal('Name'), text: z.string(), ...base });
const stringLit = z.object({ kind: z.literal('String'), value: z.string(), ...base });
const numberLit = z.object({ kind: z.literal('Number'), value: z.number(), ...base });
const durationLit = z.object({ kind: z.literal('Duration'), ms: z.number(), text: z.string(), ...base });
const choiceKey = z.object({ kind: z.literal('ChoiceKey'), key: z.string(), ...base });

const expr: z.ZodType<unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    numberLit,
    stringLit,
    z.object({ kind: z.literal('Template'), parts: z.array(z.union([z.string(), expr])), ...base }),
    z.object({ kind: z.literal('Bool'), value: z.boolean(), ...base }),
    z.object({ kind: z.literal('None'), ...base }),
    durationLit,
    z.object({ kind: z.literal('List'), items: z.array(expr), ...base }),
    z.object({ kind: z.literal('Ident'), name: z.string(), ...base }),
    z.object({ kind: z.literal('Member'), object: expr, property: name, ...base }),
    callExpr,
    z.object({ kind: z.literal('Unary'), op: z.enum(['not', '-']), operand: expr, ...base }),
    z.object({
      kind: z.literal('Binary'),
      op: z.enum(['or', 'and', '==', '!=', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%']),
      left: expr,
      right: expr,
      ...base,
    }),
    z.object({ kind: z.literal('Conditional'), test: expr, then: expr, otherwise: expr, ...base }),
    z.object({ kind: z.literal('IsNone'), operand: expr, negated: z.boolean(), ...base }),
    z.object({ kind: z.literal('Within'), calendar: stringLit, ...base }),
    z.object({ kind: z.literal('JsExpr'), code: z.string(), codeRange: range, ...base }),
    z.object({ kind: z.literal('Paren'), inner: expr, ...base }),
  ]),
);

const callExpr = z.object({
  kind: z.literal('Call'),
  callee: z.lazy(() => expr),
  args: z.array(z.lazy(() => expr)),
  subflow: z.boolean(),
  ...base,
});

const statement: z.ZodType<unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    say,
    play,
    z.object({
      kind: z.literal('Menu'),
      name,
      retries: numberLit.nullable(),
      timeout: durationLit.nullable(),
      prompts: z.array(prompt),
      choices: z.array(choice),
      afterRetries: branch.nullable(),
      ...base,
    }),
    z.object({
      kind: z.literal('Ask'),
      secret: z.boolean(),
      target: name,
      min: numberLit,
      max: numberLit,
      terminator: stringLit.nullable(),
      timeout: durationLit.nullable(),
      interdigit: durationLit.nullable(),
      pattern: stringLit.nullable(),
      retries: numberLit.nullable(),
      prompts: z.array(prompt),
      handlers: z.array(choice),
      afterRetries: branch.nullable(),
      ...base,
    }),
    z.object({
      kind: z.literal('Question'),
      name,
      text: expr,
      answerType: z.enum(['yesno', 'choice', 'number', 'text']),
      min: numberLit.nullable(),
      max: numberLit.nullable(),
      options: z.array(z.object({ kind: z.literal('Option'), key: choiceKey, label: stringLit, ...base })),
      branches: z.array(
        z.object({ kind: z.literal('QuestionBranch'), answer: choiceKey, body: branch, ...base }),
      ),
      ...base,
    }),
    z.object({ kind: z.literal('Let'), target: name, value: expr, onError: branch.nullable(), ...base }),
    z.object({ kind: z.literal('Set'), target: name, value: expr, onError: branch.nullable(), ...base }),
    z.object({
      kind: z.literal('If'),
      condition: expr,
      then: z.array(statement),
      otherwise: z.array(statement).nullable(),
      ...base,
    }),
    z.object({ kind: z.literal('Goto'), target: name, ...base }),
    z.object({ kind: z.literal('Retry'), target: name, times: numberLit, otherwise: statement, ...base }),
    z.object({ kind: z.literal('Repeat'), ...base }),
    z.object({
      kind: z.literal('Queue'),
      queue: stringLit,
      priority: expr.nullable(),
      skills: z.array(stringLit),
      maxWait: durationLit.nullable(),
      announce: expr.nullable(),
      announceEvery: durationLit.nullable(),
      music: stringLit.nullable(),
      onOverflow: branch.nullable(),
      ...base,
    }),
    z.object({
      kind: z.literal('Transfer'),
      target: z.enum(['extension', 'queue', 'number']),
      destination: expr,
      ...base,
    }),
    z.object({ kind: z.literal('Record'), ...base }),
    z.object({ kind: z.literal('Hangup'), ...base }),
    z.object({ kind: z.literal('Log'), field: name, value: expr, ...base }),
    z.object({ kind: z.literal('CallStmt'), call: callExpr, ...base }),
    z.object({ kind: z.literal('Return'), value: expr.nullable(), ...base }),
    z.object({ kind: z.literal('Data'), call: callExpr, onError: branch.nullable(), ...base }),
    z.object({ kind: z.literal('Js'), code: z.string(), codeRange: range, ...base }),
  ]),
);

const say = z.object({ kind: z.literal('Say'), parts: z.array(expr), ...base });
const play = z.object({ kind: z.literal('Play'), prompt: stringLit, ...base });
const prompt = z.union([say, play]);
const branch: z.ZodType<unknown> = z.lazy(() =>
  z.object({ kind: z.literal('Branch'), arrow: z.boolean(), body: z.array(statement), ...base }),
);
const choice = z.object({ kind: z.literal('Choice'), keys: z.array(choiceKey), body: branch, ...base });

const header = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('Answers'), numbers: z.array(stringLit), ...base }),
  z.object({ kind: z.literal('Language'), language: name, ...base }),
  z.object({ kind: z.literal('Fallback'), action: statement, ...base }),
  z.object({ kind: z.literal('Group'), group: stringLit, ...base }),
  z.object({ kind: z.literal('Timezone'), zone: stringLit, ...base }),
]);

const declaration = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('Flow'),
    flavor: z.enum(['flow', 'survey']),
    name: stringLit,
    header: z.array(header),
    body: z.array(statement),
    steps: z.array(z.object({ kind: z.literal('Step'), name, body: z.array(statement), ...base })),
    ...base,
  }),
  z.object({ kind: z.literal('Subflow'), name, params: z.array(name), body: z.array(statement), ...base }),
]);

export const documentSchema = z.object({
  kind: z.literal('Document'),
  declarations: z.array(declaration),
  comments: z.array(z.object({ kind: z.literal('Comment'), text: z.string(), ...base })),
  ...base,
});
