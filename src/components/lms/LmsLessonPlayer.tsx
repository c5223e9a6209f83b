import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { LESSON_CHECK_ELEMENT, type PackagedLesson } from '../../domain/lms/lesson';
import type { LmsAdapter } from '../../services/lms/adapter';
import { createLessonLmsBridge } from '../../services/lms/lesson-bridge';
import { KnowledgeCheckForm } from '../lesson/KnowledgeCheckForm';
import { useLmsConnection } from './useLmsConnection';
import { LMS_NAMES } from './LmsScenarioPlayer';

export interface LmsLessonPlayerProps {
  config: PackagedLesson;
  connect: (onProblem: (problem: string) => void) => LmsAdapter;
}

/** A packaged lesson: its text, and its knowledge check recording to the LMS through its adapter. */
export function LmsLessonPlayer({ config, connect }: LmsLessonPlayerProps) {
  const makeBridge = useCallback(
    (adapter: LmsAdapter) => createLessonLmsBridge(config, adapter),
    [config],
  );
  const { bridge, kind, notices, problems } = useLmsConnection(makeBridge, connect, {
    saved: 'saved answers',
    doing: 'answer',
  });
  const [checkSlot, setCheckSlot] = useState<HTMLElement | null>(null);

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
