/**
 * Colours for callflow tokens (the names come from callflow-monarch.ts), on top of Monaco's light
 * theme: statement keywords bold, keywords-that-may-be-names lighter, durations apart from numbers,
 * the braces of `{…}` interpolation standing out inside strings.
 */
import { monaco } from './monaco-setup.ts';

export const CALLFLOW_THEME = 'callflow-light';

export function defineCallflowThemes(): void {
  monaco.editor.defineTheme(CALLFLOW_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '1f4fbf', fontStyle: 'bold' },
      { token: 'keyword.soft', foreground: '5a6fb0' },
      { token: 'type.identifier', foreground: '00796b', fontStyle: 'bold' },
      { token: 'variable.name', foreground: '6a1b9a' },
      { token: 'string', foreground: 'a3400b' },
      { token: 'string.quote', foreground: 'a3400b' },
      { token: 'string.escape', foreground: 'c2185b' },
      { token: 'string.js', foreground: '455a64', fontStyle: 'italic' },
      { token: 'delimiter.interpolation', foreground: 'd81b60', fontStyle: 'bold' },
      { token: 'delimiter.js', foreground: '455a64', fontStyle: 'bold' },
      { token: 'comment', foreground: '6a8759', fontStyle: 'italic' },
      { token: 'number', foreground: '098658' },
      { token: 'number.duration', foreground: 'b35c00', fontStyle: 'bold' },
      { token: 'operator.arrow', foreground: '1f4fbf', fontStyle: 'bold' },
    ],
    colors: {},
  });
}
