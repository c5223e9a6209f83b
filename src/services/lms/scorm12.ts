import {
  type DecisionStep,
  scorm12Standing,
  scorm12Timespan,
  type CmiValues,
} from '../../domain/lms/cmi';
import type { LmsAdapter, LmsProblemListener } from './adapter';

/** The SCORM 1.2 run-time API as the LMS exposes it (window.API). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** SCORM 1.2: cmi.core.* status and score, cmi.suspend_data, interactions and objectives. */
export function createScorm12Adapter(
  api: Scorm12Api,
  /** Maps one recorded decision or check answer to its `cmi.interactions.n.*` values. */
  interaction: (index: number, step: DecisionStep) => CmiValues,
  onProblem: LmsProblemListener,
): LmsAdapter {
  const startedAt = Date.now();
  const set = (values: CmiValues) => {
    for (const [element, value] of values) {
      if (api.LMSSetValue(element, value) !== 'true') {
        const code = api.LMSGetLastError();
        onProblem(`The LMS refused ${element} (${code} ${api.LMSGetErrorString(code)}).`);
      }
    }
    api.LMSCommit('');
  };
  return {
    kind: 'scorm12',
    start() {
      if (api.LMSInitialize('') !== 'true') {
        onProblem('The LMS did not start a session, so this attempt is not being recorded.');
        return Promise.resolve({ suspendData: '' });
      }
      if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') {
        set([['cmi.core.lesson_status', 'incomplete']]);
      }
      const mastery = Number(api.LMSGetValue('cmi.student_data.mastery_score'));
      return Promise.resolve({
        // Read whatever the LMS kept: some LMSs leave cmi.core.entry empty on resume.
        suspendData: api.LMSGetValue('cmi.suspend_data'),
        ...(api.LMSGetValue('cmi.student_data.mastery_score') !== '' && Number.isFinite(mastery)
          ? { masteryScore: mastery / 100 }
          : {}),
      });
    },
    decision: (index, step) => Promise.resolve(set(interaction(index, step))),
    standing: (standing) => Promise.resolve(set(scorm12Standing(standing))),
    suspend: (data) => Promise.resolve(set([['cmi.suspend_data', data]])),
    completed: () => Promise.resolve(),
    finish(ended) {
      set([
        ['cmi.core.session_time', scorm12Timespan(Date.now() - startedAt)],
        ['cmi.core.exit', ended ? '' : 'suspend'],
      ]);
      api.LMSFinish('');
    },
  };
}
