import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { BLANK_SCENARIO } from '../../domain/scenario/template';
import { byteLength, formatBytes } from '../../services/studio/check-draft';
import { DraftChecker, type CheckState } from '../../services/studio/draft-checker';
import {
  cleanDraftName,
  createMemoryDraftStore,
  openDraftStore,
  uniqueDraftName,
  type Draft,
  type DraftStore,
} from '../../services/studio/drafts';
import {
  MAX_DRAFT_BYTES,
  type DraftCheck,
  type StudioContext,
} from '../../services/studio/protocol';
import { LibraryReport } from './LibraryReport';
import { ProblemsPanel } from './ProblemsPanel';
import { Tabs } from './Tabs';
import { createValidationWorker } from './worker';
import type { YamlEditorHandle } from './YamlEditor';
import './studio.css';

// The heavy parts load only when the page needs them: the editor at once, the map and the
// player when their tab is first opened.
const YamlEditor = lazy(() => import('./YamlEditor'));
const ScenarioMap = lazy(() => import('../scenario-map/ScenarioMap'));
const PlayPanel = lazy(() => import('./PlayPanel'));

export interface LibraryScenario {
  id: string;
  title: string;
  settingName: string;
}

export interface StudioProps {
  context: StudioContext;
  library: LibraryScenario[];
  skillNames: Record<string, string>;
  lessonTitles: Record<string, string>;
}

const AUTOSAVE_MS = 600;

type SaveState =
  | { status: 'saved'; at: string }
  | { status: 'pending' }
  | { status: 'too-large' }
  | { status: 'failed'; message: string };

const newDraft = (name: string, text: string): Draft => {
  const now = new Date().toISOString();
  return { id: crypto.randomUUID(), name, text, createdAt: now, updatedAt: now };
};

/** The file name a draft downloads as: its id when the checker has read one. */
function downloadName(result: DraftCheck | null, text: string): string {
  const id =
    result?.scenario?.id ??
    /^id:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?:#.*)?$/m.exec(text)?.[1];
  return `${id ?? 'scenario'}.yaml`;
}

function describeCheck(check: CheckState): string {
  switch (check.status) {
    case 'idle':
      return 'Not checked yet.';
    case 'waiting':
    case 'checking':
      return 'Checking…';
    case 'too-large':
      return `Too large to check: this draft is ${formatBytes(check.bytes)}; the studio checks and saves drafts up to ${formatBytes(check.limit)} (the largest library scenario is about 85 KB).`;
    case 'timed-out':
      return `Checking took longer than ${check.limitMs / 1000} seconds, so it was stopped and the checker restarted; the page stays usable. Very large files, YAML aliases or very wide variable ranges can do this. Edit the draft to check again.`;
    case 'failed':
      return `The checker broke (${check.message}). Edit the draft to try again; if it keeps happening, run npm run check:content.`;
    case 'checked': {
      const errors = check.result.issues.filter((issue) => issue.severity === 'error').length;
      const warnings = check.result.issues.length - errors;
      return `${errors === 0 ? 'No errors' : `${errors} ${errors === 1 ? 'error' : 'errors'}`}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} · checked in ${Math.max(1, Math.round(check.elapsedMs))} ms`;
    }
  }
}

/** The scenario studio: write, check, map and play a scenario in the browser. */
export default function Studio({ context, library, skillNames, lessonTitles }: StudioProps) {
  const id = useId();
  const [store, setStore] = useState<DraftStore | null>(null);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [result, setResult] = useState<DraftCheck | null>(null);
  const [save, setSave] = useState<SaveState>({ status: 'saved', at: '' });
  const [tab, setTab] = useState('problems');
  const [visited, setVisited] = useState(() => new Set(['problems']));
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [copyId, setCopyId] = useState(library[0]?.id ?? '');
  const editor = useRef<YamlEditorHandle>(null);
  const checker = useRef<DraftChecker | null>(null);
  const autosave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<{ draft: Draft | null; text: string }>({ draft: null, text: '' });
  latest.current = { draft, text };

  useEffect(() => {
    const instance = new DraftChecker({
      createWorker: createValidationWorker,
      context,
      onState: (state) => {
        setCheck(state);
        if (state.status === 'checked') setResult(state.result);
      },
    });
    checker.current = instance;
    return () => instance.dispose();
  }, [context]);

  const refreshList = useCallback(async (from: DraftStore) => setDrafts(await from.list()), []);

  const open = useCallback((next: Draft) => {
    clearTimeout(autosave.current);
    setDraft(next);
    setText(next.text);
    setResult(null);
    setSave({ status: 'saved', at: next.updatedAt });
    setRenaming(null);
    setConfirmingDelete(false);
    checker.current?.checkNow(next.text);
  }, []);

  // Open the drafts: the most recently changed one, or a blank one on a first visit.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const opened = await openDraftStore().catch(() => {
        setMessage({
          kind: 'error',
          text: 'This browser is not letting the studio save drafts: they last until you leave the page. Download your work.',
        });
        return createMemoryDraftStore();
      });
      if (cancelled) return;
      let list = await opened.list();
      if (list.length === 0) {
        await opened.put(newDraft('Untitled draft', BLANK_SCENARIO));
        list = await opened.list();
      }
      if (cancelled) return;
      setStore(opened);
      setDrafts(list);
      open(list[0]!);
    })();
    return () => {
      cancelled = true;
    };
  }, [open]);

  const persist = useCallback(
    async (target: Draft, body: string) => {
      if (!store) return;
      if (byteLength(body) > MAX_DRAFT_BYTES) {
        setSave({ status: 'too-large' });
        return;
      }
      const updated = { ...target, text: body, updatedAt: new Date().toISOString() };
      try {
        await store.put(updated);
        if (latest.current.draft?.id === updated.id) setDraft(updated);
        setSave({ status: 'saved', at: updated.updatedAt });
        await refreshList(store);
      } catch (error) {
        setSave({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [store, refreshList],
  );

  // Save what is pending before the page goes away.
  useEffect(() => {
    const flush = () => {
      if (!autosave.current) return;
      clearTimeout(autosave.current);
      autosave.current = undefined;
      const { draft: current, text: body } = latest.current;
      if (current && body !== current.text) void persist(current, body);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [persist]);

  const onChange = useCallback(
    (body: string) => {
      setText(body);
      checker.current?.schedule(body);
      const current = latest.current.draft;
      if (!current) return;
      clearTimeout(autosave.current);
      setSave({ status: 'pending' });
      autosave.current = setTimeout(() => {
        autosave.current = undefined;
        void persist(current, body);
      }, AUTOSAVE_MS);
    },
    [persist],
  );

  const flushAndOpen = async (next: Draft) => {
    const { draft: current, text: body } = latest.current;
    if (autosave.current && current) {
      clearTimeout(autosave.current);
      autosave.current = undefined;
      await persist(current, body);
    }
    open(next);
  };

  const create = async (name: string, body: string, announce: string) => {
    if (!store) return;
    const created = newDraft(
      uniqueDraftName(
        name,
        drafts.map((entry) => entry.name),
      ),
      body,
    );
    await store.put(created);
    await refreshList(store);
    await flushAndOpen(created);
    setMessage({ kind: 'ok', text: `${announce} “${created.name}”.` });
  };

  const copyFromLibrary = async () => {
    const entry = library.find((scenario) => scenario.id === copyId);
    if (!entry) return;
    try {
      const response = await fetch(`/studio/library/${entry.id}.yaml`);
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      await create(
        `Copy of ${entry.title}`,
        await response.text(),
        'Copied the library scenario into',
      );
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `Could not copy “${entry.title}”: ${error instanceof Error ? error.message : String(error)}.`,
      });
    }
  };

  const openFile = async (file: File) => {
    if (!/\.ya?ml$/i.test(file.name)) {
      setMessage({ kind: 'error', text: `“${file.name}” is not a .yaml file.` });
      return;
    }
    if (file.size > MAX_DRAFT_BYTES) {
      setMessage({
        kind: 'error',
        text: `“${file.name}” is ${formatBytes(file.size)}; the studio opens files up to ${formatBytes(MAX_DRAFT_BYTES)}.`,
      });
      return;
    }
    await create(file.name.replace(/\.ya?ml$/i, ''), await file.text(), 'Opened the file as');
  };

  const download = () => {
    const name = downloadName(result, text);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setMessage({
      kind: 'ok',
      text: `Downloaded ${name}${result?.file && result.file !== 'scenarios/draft.yaml' ? `: it goes in ${result.file.replace(/[^/]+$/, '')}` : ''}.`,
    });
  };

  const rename = async (name: string) => {
    if (!store || !draft) return;
    const renamed = { ...draft, name: cleanDraftName(name, draft.name), text };
    await store.put(renamed);
    setDraft(renamed);
    setRenaming(null);
    await refreshList(store);
    setMessage({ kind: 'ok', text: `Renamed to “${renamed.name}”.` });
  };

  const remove = async () => {
    if (!store || !draft) return;
    clearTimeout(autosave.current);
    autosave.current = undefined;
    await store.remove(draft.id);
    let list = await store.list();
    if (list.length === 0) {
      await store.put(newDraft('Untitled draft', BLANK_SCENARIO));
      list = await store.list();
    }
    setDrafts(list);
    open(list[0]!);
    setMessage({ kind: 'ok', text: `Deleted “${draft.name}”.` });
  };

  const goTo = useCallback((line: number, column = 1) => editor.current?.goTo(line, column), []);
  const selectTab = (next: string) => {
    setTab(next);
    setVisited((seen) => (seen.has(next) ? seen : new Set([...seen, next])));
  };

  const issues = useMemo(() => result?.issues ?? [], [result]);
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  const focusSkills = useMemo(() => result?.scenario?.focusSkills ?? [], [result]);
  const size = byteLength(text);
  const checkText = describeCheck(check);
  const trouble = ['too-large', 'timed-out', 'failed'].includes(check.status);
  const lines = result?.lines;
  const selectHint = useCallback(
    (nodeId: string) => (lines?.[nodeId] ? `go to line ${lines[nodeId]}` : undefined),
    [lines],
  );
  const selectNode = useCallback(
    (nodeId: string) => {
      const line = lines?.[nodeId];
      if (line) goTo(line);
    },
    [goTo, lines],
  );

  if (!store || !draft) {
    return <p role="status">Opening your drafts…</p>;
  }

  return (
    // Dropping a file is a shortcut; "Open a .yaml file" does the same from the keyboard.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      className="studio"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        void openFile(file);
      }}
    >
      <section className="studio-drafts card" aria-labelledby={`${id}-drafts`}>
        <h2 id={`${id}-drafts`} className="visually-hidden">
          Drafts
        </h2>
        <div className="studio-row">
          <label>
            Draft
            <select
              value={draft.id}
              onChange={(event) => {
                const next = drafts.find((entry) => entry.id === event.target.value);
                if (next) void flushAndOpen(next);
              }}
            >
              {drafts.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => setRenaming(draft.name)}>
            Rename
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmingDelete(true)}>
            Delete
          </button>
          <button type="button" onClick={download}>
            Download {downloadName(result, text)}
          </button>
        </div>
        {renaming !== null && (
          <form
            className="studio-row"
            onSubmit={(event) => {
              event.preventDefault();
              void rename(renaming);
            }}
          >
            <label>
              New name
              <input
                value={renaming}
                maxLength={120}
                onChange={(event) => setRenaming(event.target.value)}
                // The field appears because the author asked to rename: take them to it.
                // eslint-disable-next-line jsx-a11y/no-autofocus
                autoFocus
              />
            </label>
            <button type="submit">Save name</button>
            <button type="button" className="secondary" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        {confirmingDelete && (
          <div className="studio-row confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>
              Delete “{draft.name}” from this browser? This cannot be undone (download it first to
              keep a copy).
            </p>
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete “{draft.name}”
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmingDelete(false)}>
              Keep it
            </button>
          </div>
        )}
        <div className="studio-row">
          <button
            type="button"
            className="secondary"
            onClick={() => void create('Untitled draft', BLANK_SCENARIO, 'Started')}
          >
            New blank draft
          </button>
          <label>
            Library scenario
            <select value={copyId} onChange={(event) => setCopyId(event.target.value)}>
              {library.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.title} ({entry.settingName})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => void copyFromLibrary()}>
            Copy to edit
          </button>
          <label className="file-open">
            Open a .yaml file
            <input
              type="file"
              accept=".yaml,.yml"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void openFile(file);
              }}
            />
          </label>
        </div>
        <p role={message?.kind === 'error' ? 'alert' : 'status'} className="studio-message">
          {message?.text}
        </p>
      </section>

      <p
        role={trouble ? 'alert' : 'status'}
        className={`studio-status${trouble ? ' trouble' : ''}`}
      >
        <span>{checkText}</span>{' '}
        <span className="muted">
          {save.status === 'saved' && save.at
            ? `Saved in this browser${store.persistent ? '' : ' for this visit only'}.`
            : save.status === 'pending'
              ? 'Saving…'
              : save.status === 'too-large'
                ? 'Not saved: too large (your last saved version is kept).'
                : save.status === 'failed'
                  ? `Not saved: ${save.message}.`
                  : ''}{' '}
          {formatBytes(size)}.
        </span>
      </p>
      {result?.replaces && (
        <p className="notice">
          This draft has the id of a library scenario: placed in{' '}
          <code>{result.replaces.replace(/[^/]+$/, '')}</code> it replaces{' '}
          <code>{result.replaces}</code>. Change <code>id</code> to add a new scenario instead.
        </p>
      )}

      <div className="studio-grid">
        <section className="studio-editor" aria-labelledby={`${id}-editor`}>
          <h2 id={`${id}-editor`}>Scenario YAML</h2>
          <Suspense fallback={<p role="status">Loading the editor…</p>}>
            <YamlEditor
              ref={editor}
              documentKey={draft.id}
              text={text}
              issues={issues}
              onChange={onChange}
              onDropFile={(file) => void openFile(file)}
              labelledBy={`${id}-editor`}
            />
          </Suspense>
          <p className="muted hint">
            Tab leaves the editor; drop a .yaml file here to open it as a new draft. Every field is
            explained in the guide below.
          </p>
        </section>
        <section className="studio-side" aria-labelledby={`${id}-side`}>
          <h2 id={`${id}-side`} className="visually-hidden">
            Check, map and play
          </h2>
          <Tabs
            label="Check, map and play"
            selected={tab}
            onSelect={selectTab}
            tabs={[
              {
                id: 'problems',
                label: `Problems${result ? ` (${issues.length})` : ''}`,
                panel: trouble ? (
                  <p>{checkText}</p>
                ) : result ? (
                  <ProblemsPanel issues={issues} file={result.file} onGoTo={goTo} />
                ) : (
                  <p role="status">Checking…</p>
                ),
              },
              {
                id: 'map',
                label: 'Map',
                panel:
                  visited.has('map') && result?.graph ? (
                    <Suspense fallback={<p role="status">Loading the map…</p>}>
                      <ScenarioMap
                        graph={result.graph}
                        skillNames={skillNames}
                        focusSkills={focusSkills}
                        onSelectNode={selectNode}
                        selectHint={selectHint}
                      />
                    </Suspense>
                  ) : (
                    <p>
                      {result
                        ? 'The map appears once the draft passes the schema (see Problems).'
                        : 'Checking…'}
                    </p>
                  ),
              },
              {
                id: 'play',
                label: 'Play',
                panel:
                  visited.has('play') && result?.scenario && result.graph && errors === 0 ? (
                    <Suspense fallback={<p role="status">Loading the player…</p>}>
                      <PlayPanel
                        scenario={result.scenario}
                        graph={result.graph}
                        skillNames={skillNames}
                        lessonTitles={lessonTitles}
                        evidenceRange={result.measures?.evidence ?? {}}
                      />
                    </Suspense>
                  ) : (
                    <p>
                      {result
                        ? `Fix the ${errors} ${errors === 1 ? 'error' : 'errors'} to play this draft (see Problems).`
                        : 'Checking…'}
                    </p>
                  ),
              },
              {
                id: 'report',
                label: 'Library report',
                panel: result ? (
                  <LibraryReport result={result} skillNames={skillNames} />
                ) : (
                  <p>Checking…</p>
                ),
              },
            ]}
          />
        </section>
      </div>
    </div>
  );
}
