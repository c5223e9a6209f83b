import Cmi5 from '@xapi/cmi5';
import { statementForRecord, XAPI_NAMESPACE, type XapiStatement } from '../../domain/lms/xapi';
import type { ScoringContent } from '../../domain/scoring/evidence';
import type { LmsAdapter, LmsProblemListener } from './adapter';

/** The xAPI State API document the attempt in progress is kept in (cmi5 has no suspend_data). */
export const CMI5_SUSPEND_STATE_ID = `${XAPI_NAMESPACE}/state/suspend-data`;

/** The page was launched by a cmi5 LMS (endpoint, fetch, actor, registration, activityId in the URL). */
export const isCmi5Launch = () => Cmi5.isCmiAvailable;

/**
 * cmi5: reads the launch parameters, fetches the auth token and LaunchData (@xapi/cmi5),
 * sends `initialized`, one `answered` per decision with the skill evidence as result
 * extensions (built by the shared statement builder, with the LaunchData context template),
 * `completed` and `passed`/`failed` at an ending, then `terminated`. The attempt in
 * progress is kept in the State API. The LMS itself sends `launched`.
 */
export function createCmi5Adapter(
  content: ScoringContent,
  titles: Record<string, string>,
  onProblem: LmsProblemListener,
): LmsAdapter {
  const cmi5 = new Cmi5();
  let terminated = false;
  let normalMode = true;
  const report = (what: string) => (error: unknown) =>
    onProblem(
      `The LMS did not accept ${what} (${error instanceof Error ? error.message : String(error)}).`,
    );
  const stateParams = () => {
    const launch = cmi5.getLaunchParameters();
    return {
      agent: launch.actor,
      activityId: launch.activityId,
      registration: launch.registration,
      stateId: CMI5_SUSPEND_STATE_ID,
    };
  };
  const terminate = () => {
    if (terminated) return Promise.resolve();
    terminated = true;
    return cmi5.terminate().then(() => undefined, report('the end of the session'));
  };
  return {
    kind: 'cmi5',
    async start() {
      await cmi5.initialize();
      const launchData = cmi5.getLaunchData();
      normalMode = launchData.launchMode === 'Normal';
      let suspendData = '';
      try {
        const state = await cmi5.xapi!.getState(stateParams());
        suspendData = typeof state.data === 'string' ? state.data : '';
      } catch {
        // No state yet (404): a fresh attempt.
      }
      return {
        suspendData,
        ...(launchData.masteryScore === undefined ? {} : { masteryScore: launchData.masteryScore }),
      };
    },
    async decision(_index, _step, record) {
      if (terminated || !normalMode) return;
      const launch = cmi5.getLaunchParameters();
      const template = cmi5.getLaunchData().contextTemplate;
      const built: XapiStatement = statementForRecord(record, {
        actor: launch.actor as XapiStatement['actor'],
        content,
        titles,
      });
      const statement = {
        ...built,
        actor: launch.actor,
        context: {
          ...template,
          registration: launch.registration,
          contextActivities: {
            ...template.contextActivities,
            ...(built.context?.contextActivities?.parent
              ? { parent: built.context.contextActivities.parent }
              : {}),
          },
          extensions: { ...template.extensions, ...built.context?.extensions },
        },
      };
      await cmi5
        .sendXapiStatement(statement as Parameters<Cmi5['sendXapiStatement']>[0])
        .then(() => undefined, report('a decision'));
    },
    standing: () => Promise.resolve(),
    async suspend(data) {
      if (terminated) return;
      await cmi5
        .xapi!.setState({ ...stateParams(), state: data })
        .then(() => undefined, report('the saved place'));
    },
    async completed(standing) {
      if (terminated || !normalMode) return;
      const score = { scaled: Math.round(standing.score.scaled * 10000) / 10000 };
      try {
        await cmi5.complete();
        await (standing.score.passed ? cmi5.pass(score) : cmi5.fail(score));
      } catch (error) {
        report('the result')(error);
      }
      await terminate();
    },
    finish() {
      void terminate();
    },
  };
}
