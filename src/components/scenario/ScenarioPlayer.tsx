import { getProgressRecorder } from '../../services/progress';
import { clearAttempt, loadAttempt, saveAttempt } from '../../services/scenario-attempts';
import { SyncIndicator } from '../sync/SyncIndicator';
import { ScenarioPlay, type PlayPersistence, type ScenarioPlayerProps } from './ScenarioPlay';

export type { ScenarioPlayerProps } from './ScenarioPlay';

/** A learner's play: every choice goes to their progress, and a reload resumes the attempt. */
const learnerPersistence: PlayPersistence = {
  record: (input) => getProgressRecorder().then((recorder) => recorder.record(input)),
  loadAttempt,
  saveAttempt,
  clearAttempt,
  open: () => void getProgressRecorder(),
};

/** The practice page's island. */
export default function ScenarioPlayer(props: ScenarioPlayerProps) {
  return (
    <ScenarioPlay {...props} persistence={learnerPersistence} statusIndicator={<SyncIndicator />} />
  );
}
