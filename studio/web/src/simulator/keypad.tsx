/** A phone keypad: each key goes to the call at once; a field sends several keys (`123456#`). */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function Keypad({ disabled, onKeys }: { disabled: boolean; onKeys(digits: string): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  return (
    <fieldset className="keypad" aria-label={t.keypad}>
      <div className="keypad-grid">
        {KEYS.map((key) => (
          <button key={key} type="button" disabled={disabled} onClick={() => onKeys(key)} data-key={key}>
            {key}
          </button>
        ))}
      </div>
      <form
        className="keypad-line"
        onSubmit={(e) => {
          e.preventDefault();
          const digits = typed.replace(/[^0-9*#]/g, '');
          if (digits) onKeys(digits);
          setTyped('');
        }}
      >
        <input
          name="keys"
          aria-label={t.keypad}
          inputMode="tel"
          placeholder="123456#"
          value={typed}
          disabled={disabled}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" disabled={disabled || typed === ''}>
          {t.send}
        </button>
      </form>
    </fieldset>
  );
}
