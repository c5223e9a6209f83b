import { useEffect, useId, useRef, useState } from 'react';

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string; skill?: string };
}

interface Pagefind {
  init(): Promise<void>;
  debouncedSearch(
    query: string,
  ): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

type State =
  | { status: 'idle' | 'searching' }
  | { status: 'unavailable' }
  | { status: 'done'; results: PagefindResult[] };

/** Site search over lessons and the glossary, with Pagefind's index built with the site. */
export default function SiteSearch() {
  const id = useId();
  const [query, setQuery] = useState(() =>
    typeof window === 'undefined'
      ? ''
      : (new URLSearchParams(window.location.search).get('q') ?? ''),
  );
  const [state, setState] = useState<State>({ status: 'idle' });
  const pagefind = useRef<Promise<Pagefind | null> | null>(null);

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setState({ status: 'idle' });
      return undefined;
    }
    let cancelled = false;
    setState({ status: 'searching' });
    // Resolved at run time: the index is written next to the built site, after the bundle.
    const path = `${window.location.origin}/pagefind/pagefind.js`;
    pagefind.current ??= import(/* @vite-ignore */ path)
      .then(async (module: Pagefind) => {
        await module.init();
        return module;
      })
      .catch(() => null);
    void pagefind.current.then(async (engine) => {
      if (!engine) return !cancelled && setState({ status: 'unavailable' });
      const search = await engine.debouncedSearch(text);
      if (!search || cancelled) return undefined;
      const results = await Promise.all(search.results.slice(0, 12).map((result) => result.data()));
      if (!cancelled) setState({ status: 'done', results });
      return undefined;
    });
    window.history.replaceState(null, '', `?q=${encodeURIComponent(text)}`);
    return () => {
      cancelled = true;
    };
  }, [query]);

  return (
    <div className="site-search">
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={`${id}-q`}>Search lessons and the glossary</label>
        <input
          id={`${id}-q`}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="e.g. teach-back, interpreter, de-escalation"
        />
      </form>
      <div role="status" aria-live="polite" className="muted">
        {state.status === 'searching' && 'Searching…'}
        {state.status === 'unavailable' &&
          'Search is available in the built site (npm start or npm run build).'}
        {state.status === 'done' &&
          `${state.results.length === 0 ? 'No' : state.results.length} result${state.results.length === 1 ? '' : 's'} for “${query.trim()}”.`}
      </div>
      {state.status === 'done' && state.results.length > 0 && (
        <ol className="search-results">
          {state.results.map((result) => (
            <li key={result.url}>
              <a href={result.url}>{result.meta.title ?? result.url}</a>
              {result.meta.skill && <span className="muted"> — {result.meta.skill}</span>}
              {/* Pagefind's excerpt is escaped text with <mark> around the matches. */}
              <p dangerouslySetInnerHTML={{ __html: result.excerpt }} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
