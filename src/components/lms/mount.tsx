import { createRoot } from 'react-dom/client';
import type { LmsAdapter } from '../../services/lms/adapter';
import type { PackagedLesson } from '../../domain/lms/lesson';
import { PACKAGE_DATA_ELEMENT, type PackagedScenario } from '../../domain/lms/package';
import '../../styles/global.css';
import { LmsLessonPlayer } from './LmsLessonPlayer';
import { LmsScenarioPlayer } from './LmsScenarioPlayer';

type Connect = (onProblem: (problem: string) => void) => LmsAdapter;

/** Starts a packaged page: reads its inlined scenario or lesson and mounts its player. */
export function mountPackagedPlayer(
  connect: (config: PackagedScenario | PackagedLesson) => Connect,
) {
  const data = document.getElementById(PACKAGE_DATA_ELEMENT)?.textContent;
  const root = document.getElementById('app');
  if (!data || !root) throw new Error('This page is not a Casecraft package page.');
  const config = JSON.parse(data) as PackagedScenario | PackagedLesson;
  createRoot(root).render(
    'kind' in config ? (
      <LmsLessonPlayer config={config} connect={connect(config)} />
    ) : (
      <LmsScenarioPlayer config={config} connect={connect(config)} />
    ),
  );
}
