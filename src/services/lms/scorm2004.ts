import {
  isoDuration,
  type DecisionStep,
  scorm2004Standing,
  type CmiValues,
} from '../../domain/lms/cmi';
import type { LmsAdapter, LmsProblemListener } from './adapter';

/** The SCORM 2004 run-time API as the LMS exposes it (window.API_1484_11). */
export interface Scorm2004Api {
  Initialize(arg: ''): string;
  Terminate(arg: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg: ''): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

/** SCORM 2004 4th edition: completion and success status, scaled scores, progress, adl.nav.request. */
export function createScorm2004Adapter(
  api: Scorm2004Api,
  /** Maps one recorded decision or check answer to its `cmi.interactions.n.*` values. */
  interaction: (index: number, step: DecisionStep) => CmiValues,
  onProblem: LmsProblemListener,
): LmsAdapter {
  const startedAt = Date.now();
  const set = (values: CmiValues, commit = true) => {
    for (const [element, value] of values) {
      if (api.SetValue(element, value) !== 'true') {
        const code = api.GetLastError();
        onProblem(`The LMS refused ${element} (${code} ${api.GetErrorString(code)}).`);
      }
    }
    if (commit) api.Commit('');
  };
  return {
    kind: 'scorm2004',
    start() {
      if (api.Initialize('') !== 'true') {
        onProblem('The LMS did not start a session, so this attempt is not being recorded.');
        return Promise.resolve({ suspendData: '' });
      }
      const passing = api.GetValue('cmi.scaled_passing_score');
      const mastery = Number(passing);
      return Promise.resolve({
        suspendData: api.GetValue('cmi.suspend_data'),
        ...(passing !== '' && Number.isFinite(mastery) ? { masteryScore: mastery } : {}),
      });
    },
    decision: (index, step) => Promise.resolve(set(interaction(index, step))),
    standing: (standing) => Promise.resolve(set(scorm2004Standing(standing))),
    suspend: (data) => Promise.resolve(set([['cmi.suspend_data', data]])),
    completed: () => Promise.resolve(),
    finish(ended) {
      set(
        [
          ['cmi.session_time', isoDuration(Date.now() - startedAt)],
          ['cmi.exit', ended ? 'normal' : 'suspend'],
          ['adl.nav.request', ended ? 'exitAll' : 'suspendAll'],
        ],
        true,
      );
      api.Terminate('');
    },
  };
}
