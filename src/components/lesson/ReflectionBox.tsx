import { useEffect, useId, useState } from 'react';

interface Props {
  storageKey: string;
  prompt: string;
}

type SaveState = 'idle' | 'saved' | 'unavailable';

/** A private free-text answer, kept only in this browser's localStorage. */
export default function ReflectionBox({ storageKey, prompt }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<SaveState>('idle');

  useEffect(() => {
    try {
      setText(localStorage.getItem(storageKey) ?? '');
    } catch {
      setState('unavailable');
    }
  }, [storageKey]);

  const save = (value: string) => {
    setText(value);
    try {
      if (value) localStorage.setItem(storageKey, value);
      else localStorage.removeItem(storageKey);
      setState('saved');
    } catch {
      setState('unavailable');
    }
  };

  return (
    <div className="reflection">
      <label htmlFor={id}>{prompt}</label>
      <p className="hint" id={`${id}-hint`}>
        Private: your answer stays in this browser and is never sent anywhere.
      </p>
      <textarea
        id={id}
        aria-describedby={`${id}-hint ${id}-status`}
        value={text}
        onChange={(event) => save(event.target.value)}
        rows={5}
      />
      <p className="status" id={`${id}-status`} role="status">
        {state === 'saved' && 'Saved in this browser.'}
        {state === 'unavailable' &&
          'This browser is not letting Casecraft store text, so this answer will not be kept after you leave.'}
      </p>
    </div>
  );
}
