import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { latestAnswers } from '../../domain/activity/done';
import type { ProgressRecorder } from '../../services/progress';

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
  feedback: string;
}

export interface QuizItem {
  id: string;
  skill: string;
  skillName: string;
  prompt: string;
  options: QuizOption[];
}

export interface KnowledgeCheckFormProps {
  lessonId: string;
  items: QuizItem[];
  /** Where answers are recorded: the browser's progress recorder on the site, the LMS bridge's in a package. */
  recorder: () => Promise<Pick<ProgressRecorder, 'record' | 'all'>>;
}

interface Answer {
  optionId: string;
  saveError?: string;
}

/**
 * Single-answer knowledge check: every answer is recorded, every option explains itself.
 * The recorder is given (not imported) so a packaged lesson does not bundle the site's
 * IndexedDB store and sync.
 */
export function KnowledgeCheckForm({
  lessonId,
  items,
  recorder: getRecorder,
}: KnowledgeCheckFormProps) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  // Answers recorded on an earlier visit are shown again (the latest per question); anything
  // answered on this page since it opened stays as it is.
  useEffect(() => {
    let live = true;
    getRecorder()
      .then((recorder) => recorder.all())
      .then((records) => {
        if (!live) return;
        const recorded = latestAnswers(records, lessonId);
        const known = new Set(items.map((item) => item.id));
        setAnswers((current) => {
          const restored: Record<string, Answer> = {};
          for (const [itemId, optionId] of Object.entries(recorded))
            if (known.has(itemId)) restored[itemId] = { optionId };
          return { ...restored, ...current };
        });
      })
      // Without the browser's store nothing was kept, so there is nothing to show again.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [lessonId, items, getRecorder]);
  const answered = items.filter((item) => answers[item.id]).length;
  const correct = items.filter(
    (item) => item.options.find((option) => option.id === answers[item.id]?.optionId)?.correct,
  ).length;

  return (
    <div className="knowledge-check">
      <p className="progress" aria-live="polite">
        {answered === items.length
          ? `All ${items.length} answered: ${correct} correct.`
          : `${answered} of ${items.length} answered.`}
      </p>
      <ol className="items">
        {items.map((item, index) => (
          <li key={item.id}>
            <QuizQuestion
              item={item}
              number={index + 1}
              answer={answers[item.id]}
              onAnswer={(optionId) => {
                setAnswers((current) => ({ ...current, [item.id]: { optionId } }));
                getRecorder()
                  .then((recorder) =>
                    recorder.record({ kind: 'check', lessonId, itemId: item.id, optionId }),
                  )
                  .catch((error: unknown) => {
                    const saveError = error instanceof Error ? error.message : String(error);
                    setAnswers((current) => ({ ...current, [item.id]: { optionId, saveError } }));
                  });
              }}
              onRetry={() =>
                setAnswers((current) => {
                  const next = { ...current };
                  delete next[item.id];
                  return next;
                })
              }
            />
          </li>
        ))}
      </ol>
    </div>
  );
}

function QuizQuestion({
  item,
  number,
  answer,
  onAnswer,
  onRetry,
}: {
  item: QuizItem;
  number: number;
  answer: Answer | undefined;
  onAnswer: (optionId: string) => void;
  onRetry: () => void;
}) {
  const id = useId();
  const [selected, setSelected] = useState<string>('');
  const [error, setError] = useState('');
  const feedbackRef = useRef<HTMLDivElement>(null);
  const firstOptionRef = useRef<HTMLInputElement>(null);
  const chosen = item.options.find((option) => option.id === answer?.optionId);
  const right = item.options.find((option) => option.correct);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!selected) {
      setError('Choose an answer first.');
      return;
    }
    setError('');
    onAnswer(selected);
    // Move focus to the feedback so keyboard and screen-reader users hear it at once.
    requestAnimationFrame(() => feedbackRef.current?.focus());
  };

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-legend`} noValidate>
      <fieldset disabled={Boolean(answer)}>
        <legend id={`${id}-legend`}>
          <span className="number">Question {number}. </span>
          {item.prompt}
        </legend>
        <p className="skill-tag">Evidence for: {item.skillName}</p>
        <div className="options">
          {item.options.map((option, index) => (
            <div
              key={option.id}
              className={[
                'option',
                answer && option.id === answer.optionId ? 'chosen' : '',
                answer && option.correct ? 'correct' : '',
              ].join(' ')}
            >
              <input
                ref={index === 0 ? firstOptionRef : undefined}
                type="radio"
                id={`${id}-${option.id}`}
                name={`${id}-answer`}
                value={option.id}
                checked={(answer?.optionId ?? selected) === option.id}
                onChange={() => {
                  setSelected(option.id);
                  setError('');
                }}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              <label htmlFor={`${id}-${option.id}`}>{option.text}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {!answer && (
        <button type="submit" className="check-button">
          Check answer
        </button>
      )}
      <div ref={feedbackRef} tabIndex={-1} className="feedback-region" aria-live="polite">
        {answer && chosen && (
          <div className={`feedback ${chosen.correct ? 'is-correct' : 'is-wrong'}`}>
            <p className="verdict">{chosen.correct ? 'Correct.' : 'Not quite.'}</p>
            <p>{chosen.feedback}</p>
            {!chosen.correct && right && (
              <p>
                <strong>Stronger answer:</strong> {right.text} — {right.feedback}
              </p>
            )}
            {answer.saveError && (
              <p className="error" role="alert">
                Your answer could not be saved in this browser ({answer.saveError}). It still counts
                on this page.
              </p>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSelected('');
                onRetry();
                requestAnimationFrame(() => firstOptionRef.current?.focus());
              }}
            >
              Try this question again
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
