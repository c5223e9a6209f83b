import { useMemo } from 'react';
import { buildScenarioGraph, tracePath } from '../../domain/scenario/graph';
import type { Step } from '../../domain/scenario/runtime';
import type { ScenarioCore } from '../../domain/scenario/schema';
import ScenarioMap from './ScenarioMap';
import type { SkillNames } from './map-text';

export interface PathMapProps {
  scenario: ScenarioCore;
  /** The decisions of one play-through, in order. */
  steps: readonly Step[];
  skillNames: SkillNames;
  focusSkills: readonly string[];
  /** What the highlight is, e.g. "your path". */
  label: string;
  headingLevel?: 3 | 4;
}

/**
 * One play-through on the scenario map: the route highlighted, flagged choices marked on
 * their edges, and the map's list alternative. Loaded on demand (see `LazyPathMap`): the map
 * and its layout engine stay out of the pages' first download.
 */
export default function PathMap({
  scenario,
  steps,
  skillNames,
  focusSkills,
  label,
  headingLevel,
}: PathMapProps) {
  // Callers rebuild the steps on each render; the map is laid out once per scenario and path.
  const path = JSON.stringify(steps);
  const drawn = useMemo(() => {
    try {
      return {
        graph: buildScenarioGraph(scenario),
        path: tracePath(scenario, JSON.parse(path) as Step[]),
      };
    } catch {
      // The steps do not replay on this scenario (a record of an older version of it).
      return undefined;
    }
  }, [scenario, path]);
  if (!drawn)
    return (
      <p className="muted">
        This path cannot be drawn on the current version of the scenario (it was played on an
        earlier one); the list of decisions shows what was chosen.
      </p>
    );
  const flagged = steps.filter(
    (step) => scenario.nodes[step.node]?.choices?.find((choice) => choice.id === step.choice)?.flag,
  ).length;
  return (
    <>
      <p>
        {steps.length} decision{steps.length === 1 ? '' : 's'} on {label}, marked ✓ with a wide
        outline
        {flagged > 0
          ? `; ${flagged} of them flagged as a safety or ethics concern (“flag” on the choice)`
          : ''}
        .
      </p>
      <ScenarioMap
        graph={drawn.graph}
        skillNames={skillNames}
        focusSkills={focusSkills}
        highlight={{ ...drawn.path, label }}
        headingLevel={headingLevel}
      />
    </>
  );
}
