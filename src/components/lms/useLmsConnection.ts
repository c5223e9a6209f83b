import { useEffect, useState } from 'react';
import type { LmsAdapter } from '../../services/lms/adapter';
import { createNoLmsAdapter } from '../../services/lms/none';

/** What a packaged player records through: a scenario's or a lesson's bridge to the LMS. */
interface Bridge {
  start(): Promise<{ resumeProblem?: string }>;
  finish(): unknown;
}

/**
 * Connects a packaged player to the LMS that launched it: starts the bridge, says when the
 * saved place could not be used, finishes on page hide, and when the LMS cannot be reached
 * plays on without it rather than leave the learner at a dead end.
 */
export function useLmsConnection<B extends Bridge>(
  makeBridge: (adapter: LmsAdapter) => B,
  connect: (onProblem: (problem: string) => void) => LmsAdapter,
  words: { saved: string; doing: string },
) {
  const [bridge, setBridge] = useState<B | null>(null);
  const [kind, setKind] = useState<LmsAdapter['kind']>('none');
  const [notices, setNotices] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    const adapter = connect((problem) =>
      setProblems((known) => (known.includes(problem) ? known : [...known, problem])),
    );
    const made = makeBridge(adapter);
    let cancelled = false;
    const finish = () => made.finish();
    made
      .start()
      .then(({ resumeProblem }) => {
        if (cancelled) return;
        setKind(adapter.kind);
        if (resumeProblem) {
          setNotices([
            `Your ${words.saved} could not be used (${resumeProblem}), so this attempt starts from the beginning.`,
          ]);
        }
        setBridge(made);
        window.addEventListener('pagehide', finish);
      })
      .catch(async (error: unknown) => {
        if (cancelled) return;
        setProblems([
          `The LMS could not be reached (${error instanceof Error ? error.message : String(error)}); you can still ${words.doing}, but nothing is recorded.`,
        ]);
        const offline = makeBridge(createNoLmsAdapter());
        await offline.start();
        if (!cancelled) setBridge(offline);
      });
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', finish);
    };
    // The words are constants of each player; the bridge is made once per config.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [makeBridge, connect]);

  return { bridge, kind, notices, problems, setNotices };
}
