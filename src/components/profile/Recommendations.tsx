import type { Recommendation } from '../../domain/scoring/recommend';

/** What to study next, each with the reason the learner sees. */
export function Recommendations({
  recommendations,
  skillNames,
}: {
  recommendations: Recommendation[];
  skillNames: Record<string, string>;
}) {
  return (
    <section aria-labelledby="next-heading">
      <h2 id="next-heading">What to study next</h2>
      {recommendations.length === 0 ? (
        <p>You meet your target on every skill. Keep practising to keep the evidence current.</p>
      ) : (
        <ol className="recommendations">
          {recommendations.map((item) => (
            <li key={item.skill} className="card">
              <h3>{skillNames[item.skill] ?? item.skill}</h3>
              <p>{item.reason}</p>
              <ul>
                {item.lesson && (
                  <li>
                    Lesson: <a href={`/learn/${item.lesson.id}/`}>{item.lesson.title}</a>
                  </li>
                )}
                {item.scenario && (
                  <li>
                    Scenario: <a href={`/practice/${item.scenario.id}/`}>{item.scenario.title}</a>
                  </li>
                )}
                {!item.lesson && !item.scenario && (
                  <li>
                    You have covered this skill's lessons and recent scenarios: replay one in
                    assessment mode.
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
