import type { ReactNode } from 'react';

/** A page a person's role does not allow: said plainly, never shown empty. */
export function Forbidden({ children }: { children: ReactNode }) {
  return (
    <div className="card forbidden" role="alert">
      <h2>You do not have access to this page</h2>
      <p>{children}</p>
      <p>
        <a href="/team/">Back to your team page</a>
      </p>
    </div>
  );
}
