import { useEffect, useState } from 'react';
import { completedInRecords } from '../../domain/activity/done';
import { openIndexedDbStore } from '../../services/progress/store';
import './done-marks.css';

export interface DoneMarksProps {
  /** Lessons listed on the page: id → the ids of its check items. */
  lessons: Record<string, string[]>;
  /** Scenarios listed on the page. */
  scenarios: string[];
}

/**
 * Marks what this browser's records say is done on a static page's lists (elements with
 * `data-lesson` or `data-scenario`): a lesson when all its check questions are answered, a
 * scenario when an attempt reached an ending. A small island hydrated when the page is idle:
 * the lists stay plain HTML, and nothing is marked for someone with no records here.
 */
export default function DoneMarks({ lessons, scenarios }: DoneMarksProps) {
  const [summary, setSummary] = useState('');

  useEffect(() => {
    let live = true;
    openIndexedDbStore()
      .then((store) => store.all())
      .then((records) => {
        if (!live || records.length === 0) return;
        const done = completedInRecords(records, lessons);
        let lessonsDone = 0;
        let scenariosDone = 0;
        for (const element of document.querySelectorAll<HTMLElement>('[data-lesson]')) {
          if (!done.lessons.has(element.dataset.lesson ?? '')) continue;
          mark(element);
          lessonsDone++;
        }
        for (const element of document.querySelectorAll<HTMLElement>('[data-scenario]')) {
          if (!done.scenarios.has(element.dataset.scenario ?? '')) continue;
          mark(element);
          scenariosDone++;
        }
        const lessonCount = Object.keys(lessons).length;
        setSummary(
          `Done in this browser: ${lessonsDone} of ${lessonCount} lesson${lessonCount === 1 ? '' : 's'}` +
            (scenarios.length > 0
              ? ` and ${scenariosDone} of ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`
              : '') +
            ' listed here (a lesson when all its check questions are answered, a scenario when played to an ending).',
        );
      })
      // No store (a private window): nothing was kept, so nothing is marked.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [lessons, scenarios]);

  return summary ? (
    <p className="done-summary muted" role="status">
      {summary}
    </p>
  ) : null;
}

/** Adds a "Done" mark after the element's link, once. */
function mark(element: HTMLElement) {
  if (element.dataset.done === 'true') return;
  element.dataset.done = 'true';
  const badge = document.createElement('span');
  badge.className = 'done-mark';
  badge.textContent = 'Done';
  const link = element.querySelector('a');
  if (link) link.after(' ', badge);
  else element.append(' ', badge);
}
