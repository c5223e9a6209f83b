import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import {
  getProgressRecorder,
  type ProgressRecord,
  type ProgressRecorder,
} from '../../services/progress';
import { hasStoredSession } from '../../services/backend/stored-session';
import type { LearnerView } from '../../services/learner-view';
import { LearnerViewBuilder } from '../../services/learner-view-builder';
import type { ScoringCatalogue } from '../../services/scoring-catalogue';
import { loadScoringCatalogueFor } from '../../services/scoring-parts';
import type { SignedInLearnerContext } from '../../services/team/learner-context';
import type { ActivityRecord } from '../../domain/activity/record';
import { EvidenceLog } from './EvidenceLog';
import { ProgressFileControls } from './ProgressFileControls';
import { Recommendations } from './Recommendations';
import { SelfAssessment } from './SelfAssessment';
import { SkillOverview } from './SkillOverview';
import { SkillTrends } from './SkillTrends';
import { FlagList } from './FlagList';
import { createLearnerViewWorker } from './learner-view-worker';
import './profile.css';

export interface ProfileAppProps {
  firstLesson: { href: string; title: string };
  firstScenario?: { href: string; title: string };
  /** Targets per skill (an organisation's); default targets otherwise. */
  targets?: Record<string, number>;
  /** Evidence recorded elsewhere (e.g. a supervisor's observations), merged in. */
  extraActivity?: ActivityRecord[];
  heading?: string;
}

interface Ready {
  state: 'ready';
  catalogue: ScoringCatalogue;
  recorder: ProgressRecorder;
  records: ProgressRecord[];
}
type Load = { state: 'loading' } | { state: 'error'; message: string } | Ready;

/** The learner's skill profile, computed in the browser from their own recorded progress. */
export default function ProfileApp({
  firstLesson,
  firstScenario,
  targets,
  extraActivity,
  heading,
}: ProfileAppProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [agency, setAgency] = useState<SignedInLearnerContext | null>(null);

  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    // Evidence from the server (signed in through an agency): scored too, so its content is fetched.
    let serverActivity: readonly ActivityRecord[] = [];
    getProgressRecorder()
      .then(async (recorder) => {
        const refresh = async () => {
          const records = await recorder.all();
          // Only the scenarios and lessons these records name are fetched (hashed, cached files).
          const catalogue = await loadScoringCatalogueFor([
            ...records,
            ...serverActivity,
            ...(extraActivity ?? []),
          ]);
          if (!cancelled) setLoad({ state: 'ready', catalogue, recorder, records });
          return catalogue;
        };
        unsubscribe = recorder.subscribe(() => void refresh());
        const catalogue = await refresh();
        // Signed in through an agency? Then its targets apply and server activity counts too.
        // Loaded only for someone signed in, so guests never download supabase-js here.
        if (hasStoredSession()) {
          import('../../services/team/learner-context')
            .then(({ loadSignedInLearnerContext }) =>
              loadSignedInLearnerContext(catalogue.skills.map((skill) => skill.id)),
            )
            .then(async (context) => {
              if (!context || cancelled) return;
              serverActivity = context.activity;
              await refresh();
              if (!cancelled) setAgency(context);
            })
            .catch(() => undefined);
        }
      })
      .catch((error: unknown) => {
        if (!cancelled)
          setLoad({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
      });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [attempt, extraActivity]);

  // The view is scored in a worker and shown with the records it was built from; the
  // previous view stays up while a newer one is built (a self-rating, an import).
  const [built, setBuilt] = useState<{ from: Ready; view: LearnerView }>();
  const builder = useRef<LearnerViewBuilder>(undefined);
  useEffect(
    () => () => {
      builder.current?.dispose();
      builder.current = undefined;
    },
    [],
  );
  useEffect(() => {
    if (load.state !== 'ready') return;
    let current = true;
    builder.current ??= new LearnerViewBuilder(createLearnerViewWorker);
    builder.current
      .build(load.records, load.catalogue, {
        now: Date.now(),
        targets: targets ?? agency?.targets,
        extra: [...(extraActivity ?? []), ...(agency?.activity ?? [])],
      })
      .then((view) => {
        // A transition: React renders the profile in slices, so the page stays responsive.
        if (current) startTransition(() => setBuilt({ from: load, view }));
      })
      .catch((error: unknown) => {
        if (current)
          setLoad({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
          });
      });
    return () => {
      current = false;
    };
  }, [load, targets, extraActivity, agency]);

  const rate = useCallback(
    (skillId: string, rating: number) => {
      if (load.state !== 'ready') return;
      void load.recorder.record({ kind: 'self-rating', skillId, rating });
    },
    [load],
  );

  if (load.state === 'loading' || (load.state === 'ready' && !built)) {
    return (
      <p className="profile-status" role="status">
        Loading your profile…
      </p>
    );
  }
  if (load.state === 'error') {
    return (
      <div className="profile-status card" role="alert">
        <p>Your profile could not be loaded: {load.message}.</p>
        <button type="button" onClick={() => setAttempt((count) => count + 1)}>
          Try again
        </button>
      </div>
    );
  }
  if (!built) return null;

  const { view } = built;
  const { catalogue, recorder } = built.from;
  const skillNames = Object.fromEntries(catalogue.skills.map((skill) => [skill.id, skill.name]));
  const hasEvidence = view.profile.evidence.length > 0;

  return (
    <div className="profile-app">
      {heading && <h2>{heading}</h2>}
      {agency?.organisationName && (
        <p className="notice" role="status">
          Targets from {agency.organisationName}; evidence includes your activity on other devices
          and observations your supervisor recorded.
        </p>
      )}
      {!recorder.persistent && (
        <p className="notice" role="status">
          This browser is not letting Casecraft keep your progress after you close the page (private
          browsing, perhaps). Export your progress before you leave.
        </p>
      )}
      {!hasEvidence ? (
        <section className="empty-profile card" aria-labelledby="empty-heading">
          <h2 id="empty-heading">Your profile fills in as you practise</h2>
          <p>
            Every knowledge-check answer and every scenario choice is evidence about your skills.
            Casecraft needs about six pieces of evidence on a skill before it says anything about it
            — until then it shows “not enough evidence yet”, never a low score.
          </p>
          <p className="actions">
            <a className="button" href={firstLesson.href}>
              Start with “{firstLesson.title}”
            </a>
            {firstScenario && (
              <a className="button secondary" href={firstScenario.href}>
                Or try “{firstScenario.title}”
              </a>
            )}
          </p>
        </section>
      ) : (
        <>
          <SkillOverview
            estimates={view.profile.skills}
            skillNames={skillNames}
            selfRatings={view.selfRatings}
          />
          <Recommendations recommendations={view.recommendations} skillNames={skillNames} />
          <SkillTrends
            history={view.history}
            estimates={view.profile.skills}
            skillNames={skillNames}
          />
          <FlagList flags={view.profile.flags} scenarios={catalogue.scenarios} />
          <EvidenceLog
            evidence={view.profile.evidence}
            catalogue={catalogue}
            skillNames={skillNames}
          />
        </>
      )}
      <SelfAssessment
        skills={catalogue.skills}
        ratings={view.selfRatings}
        estimates={view.profile.skills}
        onRate={rate}
      />
      <ProgressFileControls
        recorder={recorder}
        recordCount={view.recordCount}
        catalogue={catalogue}
      />
    </div>
  );
}
