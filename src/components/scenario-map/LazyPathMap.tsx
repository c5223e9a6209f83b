import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { PathMapProps } from './PathMap';

const PathMap = lazy(() => import('./PathMap'));

/** A map that could not load (offline, a new deploy) leaves the rest of the page working. */
class MapFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed)
      return (
        <p className="muted" role="status">
          The map could not be loaded (are you offline?). The decisions are listed below.
        </p>
      );
    return this.props.children;
  }
}

/**
 * The path map, fetched when it is first shown: a debrief or a drill-down imports this small
 * wrapper, and the map with its layout engine comes as a separate chunk only then.
 */
export function LazyPathMap(props: PathMapProps) {
  return (
    <MapFailure>
      <Suspense fallback={<p role="status">Drawing the map…</p>}>
        <PathMap {...props} />
      </Suspense>
    </MapFailure>
  );
}
