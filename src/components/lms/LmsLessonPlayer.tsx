import { useCallback, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { LESSON_CHECK_ELEMENT, type PackagedLesson } from '../../domain/lms/lesson';
import type { LmsAdapter } from '../../services/lms/adapter';
import { createLessonLmsBridge, type LessonLmsBridge } from '../../services/lms/lesson-bridge';
import { createNoLmsAdapter } from '../../services/lms/none';
import { KnowledgeCheckForm } from '../lesson/KnowledgeCheckForm';
import { LMS_NAMES } from './LmsScenarioPlayer';

export interface LmsLessonPlayerProps {
  config: PackagedLesson;
  connect: (onProblem: (problem: string) => void) => LmsAdapter;
}

/** A packaged lesson: its text, and its knowledge check recording to the LMS through its adapter. */
export function LmsLessonPlayer({ config, connect }: LmsLessonPlayerProps) {
  const [bridge, setBridge] = useState<LessonLmsBridge | null>(null);
  const [kind, setKind] = useState<LmsAdapter['kind']>('none');
  const [notices, setNotices] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [checkSlot, setCheckSlot] = useState<HTMLElement | null>(null);

  useEffect(() => {
    const adapter = connect((problem) =>
      setProblems((known) => (known.includes(problem) ? known : [...known, problem])),
    );
    const made = createLessonLmsBridge(config, adapter);
    let cancelled = false;
    const finish = () => made.finish();
    made
      .start()
      .then(({ resumeProblem }) => {
        if (cancelled) return;
        setKind(adapter.kind);
        if (resumeProblem) {
          setNotices([
            `Your saved answers could not be used (${resumeProblem}), so this attempt starts from the beginning.`,
          ]);
        }
        setBridge(made);
        window.addEventListener('pagehide', finish);
      })
      .catch(async (error: unknown) => {
        if (cancelled) return;
        setProblems([
          `The LMS could not be reached (${error instanceof Error ? error.message : String(error)}); you can still answer, but nothing is recorded.`,
        ]);
        const offline = createLessonLmsBridge(config, createNoLmsAdapter());
        await offline.start();
        if (!cancelled) setBridge(offline);
      });
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', finish);
    };
  }, [config, connect]);

  // Stable, so React calls it once per mount rather than on every render.
  const findCheckSlot = useCallback(
    (element: HTMLElement | null) =>
      setCheckSlot(element?.querySelector<HTMLElement>(`#${LESSON_CHECK_ELEMENT}`) ?? null),
    [],
  );
  const recorder = useCallback(() => Promise.resolve(bridge!.recorder), [bridge]);

  return (
    <main className="lms-package">
      <h1>{config.title}</h1>
      <p className="reading">{config.summary}</p>
      {kind === 'none' && bridge && problems.length === 0 && (
        <p className="notice" role="status">
          No learning management system is connected, so your progress is not being recorded.
        </p>
      )}
      {kind !== 'none' && bridge && (
        <p className="muted">
          Your progress is recorded by your organisation&apos;s LMS ({LMS_NAMES[kind]}).
        </p>
      )}
      {notices.map((notice) => (
        <p key={notice} className="notice" role="status">
          {notice}
        </p>
      ))}
      {problems.map((problem) => (
        <p key={problem} className="notice error" role="alert">
          {problem}
        </p>
      ))}
      {/* The lesson's text, rendered at export from its MDX (no links out). */}
      <article
        className="prose"
        ref={findCheckSlot}
        dangerouslySetInnerHTML={{ __html: config.html }}
      />
      {checkSlot &&
        createPortal(
          bridge ? (
            <section className="knowledge-check-block" aria-label="Knowledge check">
              <KnowledgeCheckForm
                lessonId={config.lessonId}
                items={config.items}
                recorder={recorder}
              />
            </section>
          ) : (
            problems.length === 0 && <p role="status">Connecting to your LMS…</p>
          ),
          checkSlot,
        )}
    </main>
  );
}
