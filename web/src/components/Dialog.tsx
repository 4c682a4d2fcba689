// A modal dialog on the native <dialog>: focus moves in, Escape closes, and
// focus returns where it was.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let counter = 0;

export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; class?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const idRef = useRef(`dlg-${++counter}`);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (!d.open) d.showModal();
    // showModal() focuses the first focusable element (a link of a quoted
    // post); a field marked data-autofocus (the reply box) takes focus instead.
    const af = d.querySelector<HTMLElement>('[data-autofocus]');
    if (af) {
      af.focus();
      if (af instanceof HTMLTextAreaElement) af.setSelectionRange(af.value.length, af.value.length);
    }
    const close = () => onClose.current();
    d.addEventListener('close', close);
    return () => {
      d.removeEventListener('close', close);
      if (d.open) d.close();
      if (prev && prev.isConnected) prev.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog ${props.class ?? ''}`}
      aria-labelledby={idRef.current}
      onClick={(e) => {
        if (e.target === ref.current) ref.current?.close();
      }}
    >
      <div class="dialog-card">
        <h2 id={idRef.current} class="dialog-title">
          {props.title}
        </h2>
        {props.children}
      </div>
    </dialog>
  );
}
