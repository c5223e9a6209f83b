import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorSelection, EditorState, type Text } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { DraftIssue } from '../../services/studio/protocol';

export interface YamlEditorHandle {
  /** Puts the cursor at a line and column (1-based), scrolls there and focuses the editor. */
  goTo(line: number, column?: number): void;
}

export interface YamlEditorProps {
  ref?: Ref<YamlEditorHandle>;
  /** Changes when another draft is opened: the editor then starts over with `text`. */
  documentKey: string;
  text: string;
  issues: readonly DraftIssue[];
  onChange: (text: string) => void;
  /** A file dropped on the editor. */
  onDropFile: (file: File) => void;
  labelledBy: string;
}

// Colours from the site's palette, so highlighting keeps AA contrast in both schemes.
const highlightStyle = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--accent)', fontWeight: '600' },
  { tag: [tags.lineComment, tags.comment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.labelName, tags.typeName], color: 'var(--warn)' },
  { tag: [tags.meta, tags.keyword, tags.separator, tags.punctuation], color: 'var(--muted)' },
  { tag: [tags.string, tags.content], color: 'var(--text)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

const theme = EditorView.theme({
  '&': {
    height: '100%',
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '0.9rem',
  },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    lineHeight: '1.5',
  },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 8%, transparent)' },
  '.cm-activeLineGutter': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 14%, transparent)',
    color: 'var(--text)',
  },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 30%, transparent) !important',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
});

function toDiagnostics(doc: Text, issues: readonly DraftIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = doc.line(Math.min(Math.max(issue.line ?? 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((issue.column ?? 1) - 1, 0), line.to);
    return {
      from,
      to: Math.max(from, line.to),
      severity: issue.severity,
      message: `${issue.field}: ${issue.message}`,
    };
  });
}

/** CodeMirror 6 with YAML highlighting and the checker's diagnostics. */
export default function YamlEditor({
  ref,
  documentKey,
  text,
  issues,
  onChange,
  onDropFile,
  labelledBy,
}: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onDropFile });
  callbacks.current = { onChange, onDropFile };
  const initialText = useRef(text);
  initialText.current = text;

  useEffect(() => {
    const state = EditorState.create({
      doc: initialText.current,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        // The cursor does not blink for someone who asked for less motion.
        drawSelection({
          cursorBlinkRate: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 1200,
        }),
        history(),
        indentOnInput(),
        bracketMatching(),
        EditorState.tabSize.of(2),
        EditorView.lineWrapping,
        // Tab is left to move focus out of the editor (keyboard users are never trapped).
        keymap.of([...defaultKeymap, ...historyKeymap]),
        yaml(),
        syntaxHighlighting(highlightStyle),
        lintGutter(),
        theme,
        // An explicit tabindex tells accessibility checkers the scrolling editor is reachable.
        EditorView.contentAttributes.of({ 'aria-labelledby': labelledBy, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
        }),
        EditorView.domEventHandlers({
          drop(event) {
            const file = event.dataTransfer?.files[0];
            if (!file) return false;
            event.preventDefault();
            callbacks.current.onDropFile(file);
            return true;
          },
        }),
      ],
    });
    const editor = new EditorView({ state, parent: host.current! });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // A new document (another draft) starts a new editor state: its own undo history.
  }, [documentKey, labelledBy]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(setDiagnostics(editor.state, toDiagnostics(editor.state.doc, issues)));
  }, [issues, documentKey]);

  useImperativeHandle(
    ref,
    () => ({
      goTo(line, column = 1) {
        const editor = view.current;
        if (!editor) return;
        const target = editor.state.doc.line(Math.min(Math.max(line, 1), editor.state.doc.lines));
        const position = Math.min(target.from + column - 1, target.to);
        editor.dispatch({
          selection: EditorSelection.cursor(position),
          effects: EditorView.scrollIntoView(position, { y: 'center' }),
        });
        editor.focus();
      },
    }),
    [],
  );

  return <div className="yaml-editor" ref={host} />;
}
