import type { ReactNode } from 'react';

/** The outcome of a form action: announced politely when it worked, assertively when it did not. */
export type FormOutcome = { kind: 'ok' | 'error'; text: string } | undefined;

export function FormMessage({
  message,
  className = '',
  children,
}: {
  message: FormOutcome;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <p
      role={message?.kind === 'error' ? 'alert' : 'status'}
      className={`${className} ${message?.kind === 'error' ? 'error' : 'muted'}`.trim()}
    >
      {message?.text}
      {children}
    </p>
  );
}
