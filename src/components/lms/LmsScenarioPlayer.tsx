import { useCallback } from 'react';
import type { PackagedScenario } from '../../domain/lms/package';
import type { LmsAdapter } from '../../services/lms/adapter';
import { createLmsBridge } from '../../services/lms/bridge';
import { useLmsConnection } from './useLmsConnection';
import { ScenarioPlay } from '../scenario/ScenarioPlay';

export interface LmsScenarioPlayerProps {
  config: PackagedScenario;
  /** Makes the adapter for the LMS that launched the page (or the no-LMS one). */
  connect: (onProblem: (problem: string) => void) => LmsAdapter;
}

export const LMS_NAMES: Record<LmsAdapter['kind'], string> = {
  scorm12: 'SCORM 1.2',
  scorm2004: 'SCORM 2004',
  cmi5: 'cmi5',
  none: '',
};

/** A packaged scenario: the site's player, recording to the LMS through its adapter. */
export function LmsScenarioPlayer({ config, connect }: LmsScenarioPlayerProps) {
  const makeBridge = useCallback(
    (adapter: LmsAdapter) => createLmsBridge(config, adapter),
    [config],
  );
  const { bridge, kind, notices, problems } = useLmsConnection(makeBridge, connect, {
    saved: 'saved place',
    doing: 'play',
  });

  return (
    <main className="lms-package">
      <h1>{config.scenario.title}</h1>
      <p className="reading">{config.scenario.summary}</p>
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
      {bridge ? (
        <ScenarioPlay
          scenario={config.scenario}
          skillNames={config.skillNames}
          lessonTitles={config.lessonTitles}
          evidenceRange={config.evidenceRange}
          persistence={bridge.persistence}
          fixedMode={config.mode}
          siteLinks={false}
        />
      ) : (
        problems.length === 0 && <p role="status">Connecting to your LMS…</p>
      )}
    </main>
  );
}
