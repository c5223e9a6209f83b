import { createRoot } from 'react-dom/client';
import { PACKAGE_DATA_ELEMENT, type PackagedScenario } from '../../domain/lms/package';
import '../../styles/global.css';
import { LmsScenarioPlayer, type LmsScenarioPlayerProps } from './LmsScenarioPlayer';

/** Starts a packaged page: reads its inlined scenario and mounts the player. */
export function mountPackagedPlayer(
  connect: (config: PackagedScenario) => LmsScenarioPlayerProps['connect'],
) {
  const data = document.getElementById(PACKAGE_DATA_ELEMENT)?.textContent;
  const root = document.getElementById('app');
  if (!data || !root) throw new Error('This page is not a Casecraft package page.');
  const config = JSON.parse(data) as PackagedScenario;
  createRoot(root).render(<LmsScenarioPlayer config={config} connect={connect(config)} />);
}
