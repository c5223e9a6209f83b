import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { createActor, type Actor } from 'xstate';
import type { PlayMode } from '../../domain/activity/kinds';
import { availableChoices } from '../../domain/scenario/runtime';
import {
  createScenarioMachine,
  currentNode,
  ENDING_TAG,
  type ScenarioMachine,
  type ScenarioSnapshot,
} from '../../domain/scenario/scenarioMachine';
import type { PublishedScenario } from '../../domain/scenario/schema';
import { shuffleForAttempt } from '../../domain/scenario/shuffle';
import { buildTranscript, reviewDecisions } from '../../domain/scenario/transcript';
import type { ProgressRecorder } from '../../services/progress';
import type { LoadedAttempt } from '../../services/scenario-attempts';
import { Debrief } from './Debrief';
import { DecisionFeedback } from './DecisionFeedback';
import { PersonaCard } from './PersonaCard';
import { StartOverDialog } from './StartOverDialog';
import { Transcript } from './Transcript';
import { useConversationFocus } from './useConversationFocus';
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

const newSeed = () => Math.floor(Math.random() * 2 ** 31);

/** Subscribes React to an actor's snapshots (or to nothing before the attempt starts). */
function useSnapshot(actor: ScenarioActor | null): ScenarioSnapshot | null {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!actor) return () => undefined;
      const subscription = actor.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    [actor],
  );
  return useSyncExternalStore(
    subscribe,
    () => actor?.getSnapshot() ?? null,
    () => null,
  );
}

/** The scenario player: persona, conversation, choices, feedback and debrief. */
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
  const [actor, setActor] = useState<ScenarioActor | null>(null);
  const [mode, setMode] = useState<PlayMode>(fixedMode ?? 'practice');
  const [notice, setNotice] = useState('');
  const [saveProblem, setSaveProblem] = useState('');
  const snapshot = useSnapshot(actor);
  const [leaving, setLeaving] = useState<'restart' | 'leave' | null>(null);
  const playerRoot = useRef<HTMLDivElement>(null);
  const { readNext, announcement, announce } = useConversationFocus(playerRoot, snapshot);

  // Resume a saved attempt after a reload.
  useEffect(() => {
    persistence?.open?.();
  }, [persistence]);

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
      const restored = createActor(machine, {
        snapshot: saved.snapshot as ReturnType<ScenarioActor['getPersistedSnapshot']>,
        input: { mode: 'practice', attemptId: crypto.randomUUID(), seed: newSeed() },
      }).start();
      setActor(restored);
      setMode(restored.getSnapshot().context.mode);
      setNotice('Welcome back: you are where you left off.');
    } catch {
      persistence.clearAttempt(scenario.id);
      setNotice('Your saved attempt could not be restored, so it was set aside.');
    }
  }, [machine, persistence, scenario.id, scenario.version]);

  // Save every change, so a reload resumes exactly here.
  useEffect(() => {
    if (!actor || !persistence) return undefined;
    const subscription = actor.subscribe(() => {
      if (!persistence.saveAttempt(scenario.id, scenario.version, actor.getPersistedSnapshot())) {
        setSaveProblem(
          'This browser is not letting Casecraft save your place; finish in one sitting.',
        );
      }
    });
    return () => subscription.unsubscribe();
  }, [actor, persistence, scenario.id, scenario.version]);

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

  const begin = useCallback(
    (chosenMode: PlayMode) => {
      const started = createActor(machine, {
        input: { mode: chosenMode, attemptId: crypto.randomUUID(), seed: newSeed() },
      }).start();
      setNotice('');
      readNext('response');
      setActor(started);
    },
    [machine, readNext],
  );

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || autoStarted.current) return;
    autoStarted.current = true;
    begin(fixedMode ?? 'practice');
  }, [autoStart, begin, fixedMode]);

  const ended = snapshot?.hasTag(ENDING_TAG) ?? false;
  const node = snapshot ? currentNode(snapshot) : scenario.start;
  const offered = useMemo(() => {
    if (!snapshot || ended) return [];
    const choices = availableChoices(scenario, { node, vars: snapshot.context.vars });
    return shuffleForAttempt(choices, snapshot.context.seed, node);
  }, [scenario, snapshot, ended, node]);

  const select = useCallback(
    (choiceId: string) => {
      if (!actor) return;
      const before = actor.getSnapshot();
      const context = before.context;
      // Rehearsal (after stepping back) is not evidence: nothing of it is recorded, so an
      // attempt's recorded choices are exactly the steps taken so far and the next is seq n + 1.
      if (!context.rehearsal) {
        record({
          kind: 'choice',
          attemptId: context.attemptId,
          scenarioId: scenario.id,
          version: scenario.version,
          nodeId: currentNode(before),
          choiceId,
          mode: context.mode,
          seq: context.steps.length + 1,
        });
      }
      actor.send({ type: 'choice.select', choice: choiceId });
      const after = actor.getSnapshot();
      if (after.hasTag(ENDING_TAG)) {
        // The server derives completion from the recorded path reaching this ending, which a
        // rehearsal never does: its ending is shown in the debrief, not recorded.
        if (!context.rehearsal) {
          record({
            kind: 'completion',
            attemptId: context.attemptId,
            scenarioId: scenario.id,
            version: scenario.version,
            endingId: currentNode(after),
            mode: context.mode,
            seq: after.context.steps.length + 1,
          });
        }
        readNext('debrief');
      } else {
        readNext('reply');
        if (context.mode === 'practice') {
          const review = reviewDecisions(scenario, after.context.steps).at(-1);
          if (review) announce(`Feedback on your last choice: ${review.choice.feedback}`);
        }
      }
    },
    [actor, announce, readNext, record, scenario],
  );

  // Number keys choose the n-th option shown.
  useEffect(() => {
    if (!actor || ended) return undefined;
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
  }, [actor, ended, offered, select]);

  const restart = () => {
    if (!actor) return;
    actor.send({ type: 'scenario.restart', attemptId: crypto.randomUUID(), seed: newSeed() });
    readNext('response');
  };

  const abandon = () => {
    persistence?.clearAttempt(scenario.id);
    actor?.stop();
    setActor(null);
  };

  // Leaving an unfinished attempt with decisions in it asks first; anything else goes at once.
  const unfinishedSteps = snapshot && !ended ? snapshot.context.steps.length : 0;
  const leave = (action: 'restart' | 'leave') => {
    if (unfinishedSteps > 0) setLeaving(action);
    else if (action === 'restart') restart();
    else abandon();
  };

  if (!snapshot) {
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
                <strong>Practice</strong> — feedback and the reasoning after each choice; you can
                step back. Counts as lighter evidence.
              </label>
              <label>
                <input
                  type="radio"
                  name="mode"
                  value="assessment"
                  checked={mode === 'assessment'}
                  onChange={() => setMode('assessment')}
                />{' '}
                <strong>Assessment</strong> — no feedback until the debrief; counts fully towards
                your skill profile.
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
          <button type="button" className="secondary" onClick={() => leave('restart')}>
            Start over
          </button>
          {!fixedMode && (
            <button type="button" className="secondary" onClick={() => leave('leave')}>
              Leave and change mode
            </button>
          )}
        </div>
      </div>
      <StartOverDialog
        action={leaving}
        decisions={unfinishedSteps}
        recorded={persistence !== undefined}
        onCancel={() => setLeaving(null)}
        onConfirm={() => {
          const action = leaving;
          setLeaving(null);
          if (action === 'restart') restart();
          else abandon();
        }}
      />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
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
            actor?.send({ type: 'step.back' });
            readNext('response');
          }}
        />
      )}

      {!ended && (
        <section className="response" aria-labelledby="response-heading">
          <h2 id="response-heading" tabIndex={-1}>
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
          {/* Hidden on touch screens (CSS): there are no number keys to press. */}
          <p className="muted hint">Tip: press 1–{offered.length} to choose.</p>
        </section>
      )}

      {ended && (
        <Debrief
          scenario={scenario}
          endingNode={node}
          reviews={reviews}
          skillNames={skillNames}
          lessonTitles={lessonTitles}
          evidenceRange={evidenceRange}
          rehearsal={context.rehearsal}
          onReplay={restart}
          onRetry={(index) => {
            actor?.send({ type: 'decision.retry', index });
            readNext('response');
          }}
        />
      )}
    </div>
  );
}
