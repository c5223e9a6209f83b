import { useEffect, useId, useRef } from 'react';

export interface StartOverDialogProps {
  /** What leaving the conversation leads to: a fresh start, or back to choosing the mode. */
  action: 'restart' | 'leave' | null;
  /** Decisions taken in this attempt: what would be set aside. */
  decisions: number;
  /** Whether the choices were recorded (a learner's play) or only played (a studio draft). */
  recorded: boolean;
  onConfirm: () => void;
  /** Closing without leaving (the Cancel button or Escape). */
  onCancel: () => void;
}

/**
 * Asks before the player sets an attempt in progress aside. A modal `<dialog>`: focus stays
 * inside it, the first button (keep playing) takes focus when it opens, Escape cancels, and
 * focus goes back to the control that opened it.
 */
export function StartOverDialog({
  action,
  decisions,
  recorded,
  onConfirm,
  onCancel,
}: StartOverDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (action && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
    } else if (!action && element.open) {
      element.close();
    }
  }, [action]);

  const close = (confirmed: boolean) => {
    dialog.current?.close();
    if (confirmed) onConfirm();
    else {
      onCancel();
      if (opener.current instanceof HTMLElement) opener.current.focus();
    }
  };

  const steps = `${decisions} decision${decisions === 1 ? '' : 's'}`;
  return (
    <dialog
      ref={dialog}
      className="start-over-dialog card"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: close here, so focus returns to the opener as with Cancel.
        event.preventDefault();
        close(false);
      }}
    >
      <h2 id={`${id}-title`}>
        {action === 'leave' ? 'Leave this conversation?' : 'Start over from the beginning?'}
      </h2>
      <p id={`${id}-body`}>
        You have made {steps} in this conversation.{' '}
        {action === 'leave' ? 'Leaving' : 'Starting over'} sets this attempt aside unfinished
        {recorded ? ': the choices you made stay in your record, but you' : ', and you'} cannot come
        back to this point.
      </p>
      <p className="dialog-actions">
        <button type="button" className="secondary" onClick={() => close(false)}>
          Keep playing
        </button>
        <button type="button" onClick={() => close(true)}>
          {action === 'leave' ? 'Leave and change mode' : 'Start over'}
        </button>
      </p>
    </dialog>
  );
}
