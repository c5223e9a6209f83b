import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * Renders its children once their place comes near the screen (or the page is printed);
 * until then an empty box of the same height keeps the space, so nothing shifts. For costly
 * visual extras below the fold (charts): a long page does not build them all while it loads.
 */
export function WhenNearScreen({
  height,
  children,
  margin = '0px',
}: {
  height: number;
  children: ReactNode;
  /** How far off screen rendering starts (by default, as soon as any of it is on screen). */
  margin?: string;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = placeholder.current;
    if (near || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: `${margin} 0px` },
    );
    observer.observe(element);
    // A printed page shows everything, whatever was scrolled to.
    const print = () => flushSync(() => setNear(true));
    window.addEventListener('beforeprint', print);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', print);
    };
  }, [near, margin]);
  if (near) return <>{children}</>;
  return <div ref={placeholder} style={{ height }} />;
}
