/**
 * Monarch highlighting for callflow. Kept apart from language/tokens.ts on purpose: importing the
 * Chevrotain tokens would pull the parser into the main bundle (it lives in the worker). A unit test
 * holds the two keyword lists equal (test/studio/callflow-monarch.test.ts).
 *
 * Strings may hold `{expr}` parts whose expressions hold strings again (`"{money(x, "UAH")}"`),
 * so strings and interpolations are pushed states rather than one regular expression.
 */
import type { languages } from 'monaco-editor/editor/editor.api';

/** Statement starters and expression words: never names. */
export const HARD_KEYWORDS = [
  'flow',
  'survey',
  'subflow',
  'step',
  'say',
  'play',
  'menu',
  'ask',
  'question',
  'let',
  'set',
  'if',
  'else',
  'goto',
  'retry',
  'repeat',
  'queue',
  'transfer',
  'record',
  'call',
  'hangup',
  'log',
  'return',
  'within',
  'and',
  'or',
  'not',
  'is',
  'none',
  'true',
  'false',
  'in',
];

/** Keywords that may also be names (`account.number`, a variable called `text`). */
export const SOFT_KEYWORDS = [
  'answers',
  'language',
  'fallback',
  'group',
  'timezone',
  'prompt',
  'on',
  'after',
  'retries',
  'timeout',
  'secret',
  'digits',
  'until',
  'interdigit',
  'matching',
  'at',
  'most',
  'times',
  'then',
  'priority',
  'skills',
  'max',
  'wait',
  'announce',
  'every',
  'music',
  'overflow',
  'to',
  'extension',
  'number',
  'yesno',
  'choice',
  'text',
  'option',
  'yes',
  'no',
  'invalid',
  'error',
];

export const CALLFLOW_LANGUAGE_ID = 'callflow';

const NAME = /[A-Za-z_\u0400-\u04FF][A-Za-z0-9_\u0400-\u04FF]*/.source;

export const callflowMonarch: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.callflow',
  hardKeywords: HARD_KEYWORDS,
  softKeywords: SOFT_KEYWORDS,
  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      // `js { … }`: opaque sandboxed code, braces balanced by pushed states.
      [/\bjs(\s*)(\{)/, ['keyword', '', { token: 'delimiter.js', next: '@js' }]],
      // Names that refer to steps and subflows read as such.
      [new RegExp(`\\b(step|goto|retry|subflow|call)(\\s+)(${NAME})`), ['keyword', '', 'type.identifier']],
      [new RegExp(`\\b(menu|question)(\\s+)(${NAME})`), ['keyword', '', 'variable.name']],
      // After a dot any word is a field name, keywords included (`account.number`).
      [new RegExp(`(\\.)(${NAME})`), ['delimiter', 'identifier']],
      { include: '@expression' },
    ],
    expression: [
      [/"/, { token: 'string.quote', next: '@string' }],
      [/\d+(?:\.\d+)?(?:ms|h|m|s)(?![A-Za-z0-9_\u0400-\u04FF])/, 'number.duration'],
      [/\d+(?:\.\d+)?/, 'number'],
      [
        new RegExp(NAME),
        {
          cases: {
            '@hardKeywords': 'keyword',
            '@softKeywords': 'keyword.soft',
            '@default': 'identifier',
          },
        },
      ],
      [/->/, 'operator.arrow'],
      [/==|!=|<=|>=|<|>|=|\+|-|\*|\/|%|\?|:/, 'operator'],
      [/\.\./, 'operator'],
      [/[()[\],.#]/, 'delimiter'],
      [/\s+/, ''],
    ],
    string: [
      [/[^"\\{]+/, 'string'],
      [/\\./, 'string.escape'],
      [/\{/, { token: 'delimiter.interpolation', next: '@interpolation' }],
      [/"/, { token: 'string.quote', next: '@pop' }],
    ],
    interpolation: [
      [/\}/, { token: 'delimiter.interpolation', next: '@pop' }],
      [new RegExp(`(\\.)(${NAME})`), ['delimiter', 'identifier']],
      { include: '@expression' },
    ],
    js: [
      [/\{/, { token: 'delimiter.js', next: '@js' }],
      [/\}/, { token: 'delimiter.js', next: '@pop' }],
      [/[^{}]+/, 'string.js'],
    ],
  },
};

export const callflowLanguageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '//' },
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '"', close: '"', notIn: ['string', 'comment'] },
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
  ],
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: '(', close: ')' },
  ],
  // Everything that opens a block ends its line with nothing after the head: indent after it.
  onEnterRules: [
    {
      beforeText: /^\s*(flow|survey|subflow|step|menu|ask|question|if|else|on|after)\b(?!.*->).*$/,
      action: { indentAction: 1 },
    },
  ],
  wordPattern: /[A-Za-z_\u0400-\u04FF][A-Za-z0-9_\u0400-\u04FF]*|\d+(?:\.\d+)?(?:ms|h|m|s)?/,
};
