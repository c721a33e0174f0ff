/** What the caller hears, in order, with each prompt's audio a click away; keys and events between. */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { TranscriptEntry } from './call-state.ts';

export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const { t } = useI18n();
  const end = useRef<HTMLLIElement>(null);
  // Follow the newest line as it arrives.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when an entry is appended
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [entries.length]);
  return (
    <ol className="transcript" aria-label={t.transcript} data-testid="transcript">
      {entries.map((entry, i) => (
        // Entries are only ever appended: the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
        <li key={i} className={`t-${entry.kind}`}>
          <TranscriptLine entry={entry} />
        </li>
      ))}
      <li ref={end} className="t-end-anchor" aria-hidden="true" />
    </ol>
  );
}

function TranscriptLine({ entry }: { entry: TranscriptEntry }) {
  const { t } = useI18n();
  switch (entry.kind) {
    case 'prompt':
      return (
        <>
          {entry.audio.length > 0 && (
            <button
              type="button"
              className="play"
              title={t.play}
              aria-label={t.play}
              onClick={() => void playAll(entry.audio.map((a) => a.url))}
            >
              ▶
            </button>
          )}
          <span className="prompt-text">{entry.text}</span>
        </>
      );
    case 'keys':
      return (
        <span className="muted">
          ⌨ {t.keysEntered}: <code>{entry.keys || '∅'}</code> ({entry.result})
        </span>
      );
    case 'pressed':
      return (
        <span className="muted">
          {t.pressed}: <code>{entry.digits}</code>
        </span>
      );
    case 'data':
      return (
        <span className={entry.ok ? 'muted' : 'warn'}>
          ⇄ {entry.label} {entry.ok ? '✓' : `✗ ${entry.error ?? ''}`}
        </span>
      );
    case 'error':
      return (
        <span className="error-text">
          {t.error}
          {entry.line !== null ? ` (${t.line} ${entry.line})` : ''}: {entry.message}
        </span>
      );
    case 'end':
      return (
        <strong>
          {t.callEnded}: {entry.outcome}
        </strong>
      );
  }
}

async function playAll(urls: string[]): Promise<void> {
  for (const url of urls) {
    const audio = new Audio(url);
    await audio.play().catch(() => {});
    await new Promise((resolve) => {
      audio.onended = resolve;
      audio.onerror = resolve;
    });
  }
}
