import { loadAllContent } from '../../../src/library/check-content';
import { exploreStates } from '../../../src/domain/scenario/analysis';
import type { PublishedScenario } from '../../../src/domain/scenario/schema';

export function publishedScenario(id: string): PublishedScenario {
  const found = loadAllContent(process.cwd()).scenarios.find((entry) => entry.scenario.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found.scenario;
}

/** For each ending node, the shortest list of choices (ids) that reaches it. */
export function pathsToEndings(scenario: PublishedScenario): Map<string, string[]> {
  const explored = exploreStates(scenario);
  if (!('positions' in explored)) throw new Error('scenario cannot be explored');
  const previous = new Map<string, { from: string; choice: string }>();
  const queue = [explored.startKey];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const key = queue.shift()!;
    for (const edge of explored.edges.get(key) ?? []) {
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      previous.set(edge.to, { from: key, choice: edge.choice });
      queue.push(edge.to);
    }
  }
  const paths = new Map<string, string[]>();
  for (const [key, position] of explored.positions) {
    if (!scenario.nodes[position.node]?.ending || paths.has(position.node)) continue;
    const steps: string[] = [];
    for (let at = key; at !== explored.startKey;) {
      const step = previous.get(at)!;
      steps.unshift(step.choice);
      at = step.from;
    }
    paths.set(position.node, steps);
  }
  return paths;
}
