import type { ReactNode } from 'react';

/**
 * A wide table's own scroll box (the page never scrolls sideways). It takes focus so
 * keyboard users can scroll it too, and is named by the heading or caption it holds.
 */
export function ScrollRegion({
  labelledBy,
  className,
  children,
}: {
  labelledBy: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`table-scroll${className ? ` ${className}` : ''}`}
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
