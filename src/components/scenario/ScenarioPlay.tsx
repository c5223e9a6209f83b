import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useActorRef, useSelector } from '@xstate/react';
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { PlayMode } from '../../domain/activity/kinds';
import { availableChoices } from '../../domain/scenario/runtime';
import {
  createScenarioMachine,
  currentNode,
  ENDING_TAG,
  type ScenarioMachine,
  type ScenarioMachineInput,
} from '../../domain/scenario/scenarioMachine';
import type { PublishedScenario } from '../../domain/scenario/schema';
import { shuffleForAttempt } from '../../domain/scenario/shuffle';
import { buildTranscript, reviewDecisions } from '../../domain/scenario/transcript';
import type { ProgressRecorder } from '../../services/progress';
import type { LoadedAttempt } from '../../services/scenario-attempts';
import { Debrief } from './Debrief';
import { DecisionFeedback } from './DecisionFeedback';
import { PersonaCard } from './PersonaCard';
import { Transcript } from './Transcript';
import './scenario-player.css';

export interface ScenarioPlayerProps {
  scenario: PublishedScenario;
  /** Skill id → display name. */
  skillNames: Record<string, string>;
  /** Lesson id → title, for the debrief's links. */
  lessonTitles: Record<string, string>;
  /** Per skill, the lowest and highest code sum any play-through can earn (from the validator). */
  evidenceRange: Record<string, { min: number; max: number }>;
}

/**
 * Where play is kept: the learner's progress (every choice recorded) and their attempt in
 * progress (resumed after a reload). Without it, play is a sandbox that keeps nothing.
 */
export interface PlayPersistence {
  record(input: Parameters<ProgressRecorder['record']>[0]): Promise<unknown>;
  loadAttempt(scenarioId: string, version: string): LoadedAttempt;
  saveAttempt(scenarioId: string, version: string, snapshot: unknown): boolean;
  clearAttempt(scenarioId: string): void;
  /** Opens the store early (and, signed in, starts syncing) while the page is surely online. */
  open?(): void;
}

export interface ScenarioPlayProps extends ScenarioPlayerProps {
  /** Omitted: nothing is recorded or saved (the studio plays drafts this way). */
  persistence?: PlayPersistence;
  /** Play in this mode only, without offering the choice. */
  fixedMode?: PlayMode;
  /** Start the conversation at once (in `fixedMode`), without the start panel. */
  autoStart?: boolean;
  /** Shown in the play bar: where the recorded choices stand (the learner's sync status). */
  statusIndicator?: ReactNode;
}

type ScenarioActor = Actor<ScenarioMachine>;
type PersistedAttempt = ReturnType<ScenarioActor['getPersistedSnapshot']>;

/** An attempt to play: begun afresh (with its input) or resumed from a saved snapshot. */
interface AttemptStart {
  /** Distinguishes attempts, so leaving and beginning again starts a new actor. */
  key: number;
  input: ScenarioMachineInput;
  resumed?: PersistedAttempt;
}

const newSeed = () => Math.floor(Math.random() * 2 ** 31);
const newInput = (mode: PlayMode): ScenarioMachineInput => ({
  mode,
  attemptId: crypto.randomUUID(),
  seed: newSeed(),
});

/**
 * The scenario player: the start panel (or a resumed attempt), then the attempt itself —
 * persona, conversation, choices, feedback and debrief.
 */
export function ScenarioPlay({
  scenario,
  skillNames,
  lessonTitles,
  evidenceRange,
  persistence,
  fixedMode,
  autoStart = false,
  statusIndicator,
}: ScenarioPlayProps) {
  const machine = useMemo(() => createScenarioMachine(scenario), [scenario]);
  const [attempt, setAttempt] = useState<AttemptStart | null>(null);
  const [mode, setMode] = useState<PlayMode>(fixedMode ?? 'practice');
  const [notice, setNotice] = useState('');
  const attempts = useRef(0);

  useEffect(() => {
    persistence?.open?.();
  }, [persistence]);

  // Resume a saved attempt after a reload.
  useEffect(() => {
    if (!persistence) return;
    const saved = persistence.loadAttempt(scenario.id, scenario.version);
    if (saved.status === 'stale') {
      persistence.clearAttempt(scenario.id);
      setNotice(
        'This scenario has been updated since your last visit, so your unfinished attempt was set aside.',
      );
      return;
    }
    if (saved.status !== 'resumable') return;
    try {
      // Restored once here to learn whether the saved snapshot still fits this machine.
      const restored = createActor(machine, {
        snapshot: saved.snapshot as PersistedAttempt,
        input: newInput('practice'),
      }).start();
      if (restored.getSnapshot().status === 'error') throw new Error('saved attempt does not fit');
      const resumed = restored.getPersistedSnapshot();
      const resumedMode = restored.getSnapshot().context.mode;
      restored.stop();
      setAttempt({ key: ++attempts.current, input: newInput(resumedMode), resumed });
      setMode(resumedMode);
      setNotice('Welcome back: you are where you left off.');
    } catch {
      persistence.clearAttempt(scenario.id);
      setNotice('Your saved attempt could not be restored, so it was set aside.');
    }
  }, [machine, persistence, scenario.id, scenario.version]);

  const begin = useCallback((chosenMode: PlayMode) => {
    setNotice('');
    setAttempt({ key: ++attempts.current, input: newInput(chosenMode) });
  }, []);

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current) return;
    autoStarted.current = true;
    begin(fixedMode ?? 'practice');
  }, [autoStart, begin, fixedMode]);

  if (attempt) {
    return (
      <ScenarioAttempt
        key={attempt.key}
        machine={machine}
        start={attempt}
        scenario={scenario}
        skillNames={skillNames}
        lessonTitles={lessonTitles}
        evidenceRange={evidenceRange}
        persistence={persistence}
        fixedMode={fixedMode}
        statusIndicator={statusIndicator}
        notice={notice}
        onLeave={() => {
          persistence?.clearAttempt(scenario.id);
          setAttempt(null);
        }}
      />
    );
  }

  return (
    <div className="scenario-player">
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <PersonaCard scenario={scenario} open />
      <section className="start-panel card" aria-labelledby="start-heading">
        <h2 id="start-heading">{fixedMode ? 'Ready to play' : 'Choose how to play'}</h2>
        {fixedMode ? (
          <p>
            {fixedMode === 'practice'
              ? 'Practice mode: feedback and the reasoning after each choice; you can step back.'
              : 'Assessment mode: no feedback until the debrief.'}
          </p>
        ) : (
          <fieldset className="mode-choice">
            <legend>Mode</legend>
            <label>
              <input
                type="radio"
                name="mode"
                value="practice"
                checked={mode === 'practice'}
                onChange={() => setMode('practice')}
              />{' '}
              <strong>Practice</strong> — feedback and the reasoning after each choice; you can step
              back. Counts as lighter evidence.
            </label>
            <label>
              <input
                type="radio"
                name="mode"
                value="assessment"
                checked={mode === 'assessment'}
                onChange={() => setMode('assessment')}
              />{' '}
              <strong>Assessment</strong> — no feedback until the debrief; counts fully towards your
              skill profile.
            </label>
          </fieldset>
        )}
        <button type="button" onClick={() => begin(mode)}>
          Start the conversation
        </button>
      </section>
    </div>
  );
}

interface ScenarioAttemptProps extends ScenarioPlayerProps {
  machine: ScenarioMachine;
  start: AttemptStart;
  persistence?: PlayPersistence;
  fixedMode?: PlayMode;
  statusIndicator?: ReactNode;
  notice: string;
  /** Leave this attempt (and its saved place) to choose the mode again. */
  onLeave: () => void;
}

/** One attempt in play: the scenario machine's actor, recording through its named actions. */
function ScenarioAttempt({
  machine,
  start,
  scenario,
  skillNames,
  lessonTitles,
  evidenceRange,
  persistence,
  fixedMode,
  statusIndicator,
  notice,
  onLeave,
}: ScenarioAttemptProps) {
  const [saveProblem, setSaveProblem] = useState('');
  const focusTarget = useRef<'response' | 'debrief' | null>(start.resumed ? null : 'response');
  const responseHeading = useRef<HTMLHeadingElement>(null);
  const debriefHeading = useRef<HTMLHeadingElement>(null);
  const playerRoot = useRef<HTMLDivElement>(null);

  const record = useCallback(
    (input: Parameters<PlayPersistence['record']>[0]) => {
      persistence
        ?.record(input)
        .catch((error: unknown) =>
          setSaveProblem(
            `Your progress could not be saved in this browser (${error instanceof Error ? error.message : String(error)}).`,
          ),
        );
    },
    [persistence],
  );

  // The machine decides what is evidence (never a rehearsal); the player says where it goes.
  const recordingMachine = useMemo(
    () =>
      machine.provide({
        actions: {
          recordChoice: (_, evidence) =>
            record({ ...evidence, scenarioId: scenario.id, version: scenario.version }),
          recordCompletion: (_, evidence) =>
            record({ ...evidence, scenarioId: scenario.id, version: scenario.version }),
        },
      }),
    [machine, record, scenario.id, scenario.version],
  );
  const actor = useActorRef(recordingMachine, {
    input: start.input,
    ...(start.resumed ? { snapshot: start.resumed } : {}),
  });
  const snapshot = useSelector(actor, (current: SnapshotFrom<ScenarioMachine>) => current);

  // Save every change, so a reload resumes exactly here.
  useEffect(() => {
    if (!persistence) return undefined;
    const subscription = actor.subscribe(() => {
      if (!persistence.saveAttempt(scenario.id, scenario.version, actor.getPersistedSnapshot())) {
        setSaveProblem(
          'This browser is not letting Casecraft save your place; finish in one sitting.',
        );
      }
    });
    return () => subscription.unsubscribe();
  }, [actor, persistence, scenario.id, scenario.version]);

  useEffect(() => {
    if (focusTarget.current === 'response') responseHeading.current?.focus();
    if (focusTarget.current === 'debrief') debriefHeading.current?.focus();
    focusTarget.current = null;
  }, [snapshot]);

  const ended = snapshot.hasTag(ENDING_TAG);
  const node = currentNode(snapshot);
  const offered = useMemo(() => {
    if (ended) return [];
    const choices = availableChoices(scenario, { node, vars: snapshot.context.vars });
    return shuffleForAttempt(choices, snapshot.context.seed, node);
  }, [scenario, snapshot, ended, node]);

  const select = useCallback(
    (choiceId: string) => {
      actor.send({ type: 'choice.select', choice: choiceId });
      focusTarget.current = actor.getSnapshot().hasTag(ENDING_TAG) ? 'debrief' : 'response';
    },
    [actor],
  );

  // Number keys choose the n-th option shown.
  useEffect(() => {
    if (ended) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable)
      )
        return;
      // A player out of sight (a hidden panel) does not take the keys.
      if (playerRoot.current && !playerRoot.current.checkVisibility()) return;
      const index = Number(event.key) - 1;
      const choice = offered[index];
      if (Number.isInteger(index) && choice) {
        event.preventDefault();
        select(choice.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ended, offered, select]);

  const restart = () => {
    actor.send({ type: 'scenario.restart', attemptId: crypto.randomUUID(), seed: newSeed() });
    focusTarget.current = 'response';
  };

  const context = snapshot.context;
  const transcript = buildTranscript(scenario, context.steps);
  const reviews = reviewDecisions(scenario, context.steps);
  const lastReview = reviews[reviews.length - 1];
  const prompt = scenario.nodes[node]?.prompt ?? 'What do you say?';

  return (
    <div className="scenario-player" ref={playerRoot}>
      <div className="play-bar">
        <p className="badges">
          <span className="badge">{context.mode === 'practice' ? 'Practice' : 'Assessment'}</span>
          {context.rehearsal && (
            <span className="badge" title="Choices after stepping back are not counted as evidence">
              Rehearsal
            </span>
          )}
          <span className="muted">
            {ended
              ? `Finished after ${context.steps.length} decisions`
              : `Decision ${context.steps.length + 1}`}
          </span>
        </p>
        {statusIndicator}
        <div className="play-actions">
          <button type="button" className="secondary" onClick={restart}>
            Start over
          </button>
          {!fixedMode && (
            <button type="button" className="secondary" onClick={onLeave}>
              Leave and change mode
            </button>
          )}
        </div>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {saveProblem && (
        <p className="notice error" role="alert">
          {saveProblem}
        </p>
      )}
      <PersonaCard scenario={scenario} open={false} />
      <Transcript entries={transcript} />

      {context.mode === 'practice' && lastReview && !ended && (
        <DecisionFeedback
          review={lastReview}
          skillNames={skillNames}
          onStepBack={() => {
            actor.send({ type: 'step.back' });
            focusTarget.current = 'response';
          }}
        />
      )}

      {!ended && (
        <section className="response" aria-labelledby="response-heading">
          <h2 id="response-heading" ref={responseHeading} tabIndex={-1}>
            Your response
          </h2>
          <p className="prompt">{prompt}</p>
          <ol className="choices">
            {offered.map((choice, index) => (
              <li key={choice.id}>
                <button type="button" className="choice" onClick={() => select(choice.id)}>
                  <span className="key" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span>{choice.text}</span>
                </button>
              </li>
            ))}
          </ol>
          <p className="muted hint">Tip: press 1–{offered.length} to choose.</p>
        </section>
      )}

      {ended && (
        <Debrief
          ref={debriefHeading}
          scenario={scenario}
          endingNode={node}
          reviews={reviews}
          skillNames={skillNames}
          lessonTitles={lessonTitles}
          evidenceRange={evidenceRange}
          rehearsal={context.rehearsal}
          onReplay={restart}
          onRetry={(index) => {
            actor.send({ type: 'decision.retry', index });
            focusTarget.current = 'response';
          }}
        />
      )}
    </div>
  );
}
