import { useEffect, useId, useRef } from 'react';
import { Button } from './ui';

/**
 * A yes-or-no question in a modal <dialog>: the browser keeps the focus inside and Escape cancels.
 * `danger` draws the confirming button in red.
 */
export default function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  danger,
  busy,
  confirmTestId,
}: {
  open: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  busy?: boolean;
  confirmTestId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="yx-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="yx-dialog-title">
        {title}
      </h2>
      <p className="yx-dialog-text">{text}</p>
      <div className="yx-dialog-actions">
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button
          variant="primary"
          className={danger ? 'yx-btn-danger' : undefined}
          loading={busy}
          onClick={onConfirm}
          data-testid={confirmTestId}
        >
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
