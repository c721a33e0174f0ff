/**
 * The survey script of the operator's current call (seed 001: «окно со сценарием разговора»): the
 * lines to read out, each answered question with its answer, the current question with the input
 * its type needs (yes/no and choices as buttons, a number, free text), and the notes.
 */
import { useState } from 'react';
import type { ConsoleText } from './console-text.ts';
import {
  answerText,
  entryValue,
  keyedLines,
  type ScriptQuestion,
  type SurveyCallView,
} from './script-form.ts';

export interface ScriptPanelProps {
  call: SurveyCallView;
  text: ConsoleText;
  busy: boolean;
  onAnswer(question: string, value: string | number | null): void;
  /** Resolves true once the notes are stored. */
  onNotes(notes: string): Promise<boolean>;
}

export function SurveyScriptPanel({ call, text, busy, onAnswer, onNotes }: ScriptPanelProps) {
  const script = call.script;
  const [notes, setNotes] = useState('');
  const [savedNotes, setSavedNotes] = useState<{ id: number; text: string }[]>([]);
  const words = { yes: text.yes, no: text.no, none: text.noAnswer };
  return (
    <section className="op-script" aria-label={text.script}>
      <h3>{text.script}</h3>
      <ol className="op-lines">
        {keyedLines(script?.lines ?? []).map(({ key, line }) =>
          line.kind === 'say' ? (
            <li key={key} className="op-say">
              {line.text}
            </li>
          ) : (
            <li key={key} className={line.answered ? 'op-question answered' : 'op-question'}>
              <span>{line.question.text}</span>
              {line.answered && (
                <strong data-testid={`answer-${line.question.name}`}>
                  {answerText(line.question, line.answer, words)}
                </strong>
              )}
            </li>
          ),
        )}
      </ol>
      {script?.current && (
        <AnswerInput
          key={script.current.name}
          question={script.current}
          text={text}
          busy={busy}
          onAnswer={onAnswer}
        />
      )}
      {script?.done && <p className="muted">{text.done}</p>}
      {script?.error && <p className="banner error">{script.error}</p>}
      <label className="op-notes">
        {text.notes}
        <textarea name="notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <button
        type="button"
        data-testid="save-notes"
        disabled={busy || notes.trim() === ''}
        onClick={() => {
          const sent = notes.trim();
          void onNotes(sent).then((stored) => {
            if (!stored) return;
            setSavedNotes((before) => [...before, { id: before.length, text: sent }]);
            setNotes((now) => (now.trim() === sent ? '' : now));
          });
        }}
      >
        {text.saveNotes}
      </button>
      {savedNotes.length > 0 && (
        <ul className="op-saved-notes" aria-label={text.saved}>
          {savedNotes.map((note) => (
            <li key={note.id}>{note.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AnswerInput({
  question,
  text,
  busy,
  onAnswer,
}: {
  question: ScriptQuestion;
  text: ConsoleText;
  busy: boolean;
  onAnswer(question: string, value: string | number | null): void;
}) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const answer = (value: string | number | null) => onAnswer(question.name, value);
  const noAnswer = (
    <button type="button" className="link" disabled={busy} onClick={() => answer(null)}>
      {text.noAnswer}
    </button>
  );
  if (question.answerType === 'yesno' || question.answerType === 'choice') {
    const choices =
      question.answerType === 'yesno'
        ? [
            { key: 'yes', label: text.yes },
            { key: 'no', label: text.no },
          ]
        : question.options;
    return (
      <div className="op-answer" data-testid="current-question">
        <p>{question.text}</p>
        {choices.map((c) => (
          <button key={c.key} type="button" data-choice={c.key} disabled={busy} onClick={() => answer(c.key)}>
            {c.label}
          </button>
        ))}
        {noAnswer}
      </div>
    );
  }
  const submit = () => {
    const entry = entryValue(question, typed);
    if (!entry.ok) {
      setProblem(
        entry.reason === 'empty'
          ? text.empty
          : entry.reason === 'not-a-number'
            ? text.notANumber
            : text.outOfRange,
      );
      return;
    }
    setProblem(null);
    answer(entry.value);
  };
  return (
    <form
      className="op-answer"
      data-testid="current-question"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p>{question.text}</p>
      {question.answerType === 'number' ? (
        <input name="answer" inputMode="decimal" value={typed} onChange={(e) => setTyped(e.target.value)} />
      ) : (
        <textarea name="answer" rows={3} value={typed} onChange={(e) => setTyped(e.target.value)} />
      )}
      <button type="submit" disabled={busy}>
        {text.send}
      </button>
      {noAnswer}
      {problem && <p className="banner error">{problem}</p>}
    </form>
  );
}
