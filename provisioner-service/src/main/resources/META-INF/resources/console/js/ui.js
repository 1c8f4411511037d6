// Small shared pieces: the toast, the confirmation dialog, admin-only controls, error boxes.
import { h } from './dom.js';

let session = null;

export function setSession(value) {
  session = value;
}

export function canChange() {
  return Boolean(session?.canChange);
}

/** A control that changes something: disabled, with the reason, for a reader. */
export function adminOnly(control) {
  if (!canChange()) {
    control.disabled = true;
    control.title = 'Your key is a reader key: it can see everything and change nothing';
    control.classList.add('reader-disabled');
  }
  return control;
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = `toast ${kind}`;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** Asks before a change; resolves true when confirmed. The dialog is modal and keyboard-operable (Esc cancels). */
export function confirmAction(title, text, confirmLabel = 'Confirm') {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = confirmLabel;
  dialog.returnValue = '';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    document.getElementById('confirm-cancel').focus();
  });
}

export function errorBox(error) {
  return h('div', { class: 'alert error', role: 'alert' }, error.message || String(error));
}

/** Runs an async action from a button: busy while it runs, the error shown in a toast. */
export async function busy(button, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } catch (error) {
    toast(error.message || String(error), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
