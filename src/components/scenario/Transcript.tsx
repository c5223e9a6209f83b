import type { TranscriptEntry } from '../../domain/scenario/transcript';

/**
 * The conversation so far. `role="log"` announces new lines politely to screen readers; each
 * line can take focus from script (never from Tab), so focus can follow the conversation.
 */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  return (
    <section className="transcript" aria-labelledby="transcript-heading">
      <h2 id="transcript-heading" className="visually-hidden">
        Conversation
      </h2>
      <div role="log" aria-live="polite" aria-relevant="additions">
        <ol className="transcript-lines">
          {entries.map((entry) =>
            entry.kind === 'choice' ? (
              <li key={entry.key} className="turn you" tabIndex={-1}>
                <span className="speaker">You</span>
                <p>{entry.choice.text}</p>
              </li>
            ) : entry.speaker === 'narration' ? (
              <li key={entry.key} className="turn narration" tabIndex={-1}>
                <p>
                  <span className="visually-hidden">Narration: </span>
                  {entry.text}
                </p>
              </li>
            ) : (
              <li
                key={entry.key}
                className={`turn ${entry.speaker === 'client' ? 'client' : 'other'}`}
                tabIndex={-1}
              >
                <span className="speaker">{entry.name}</span>
                <p>{entry.text}</p>
              </li>
            ),
          )}
        </ol>
      </div>
    </section>
  );
}
