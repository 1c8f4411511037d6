// Restart with its options (replay from a time, full, force deletes), asked in a modal dialog with a dry-run preview.
import { post } from '../api.js';
import { clear, h } from '../dom.js';
import { count, words } from '../format.js';
import { errorBox } from '../ui.js';

/** Resolves the restart request's body ({from?, full, forceDeletes}) once confirmed, or null when cancelled. */
export function restartOptions(job) {
  const whole = h('input', { type: 'radio', name: 'restart-replay', id: 'restart-whole', value: 'whole', checked: true });
  const fromTime = h('input', { type: 'radio', name: 'restart-replay', id: 'restart-from-time', value: 'from' });
  const from = h('input', { type: 'datetime-local', id: 'restart-from', step: 1, disabled: true,
    value: localInput(new Date(Date.now() - 3600_000)) });
  const full = h('input', { type: 'checkbox', id: 'restart-full' });
  const forceDeletes = h('input', { type: 'checkbox', id: 'restart-force-deletes' });
  const summary = h('p', { id: 'restart-summary', 'aria-live': 'polite' });
  const preview = h('div', { id: 'restart-preview-result', 'aria-live': 'polite' });
  const body = () => {
    const options = { full: full.checked, forceDeletes: forceDeletes.checked };
    if (fromTime.checked && from.value) options.from = new Date(from.value).toISOString();
    return options;
  };
  const describe = () => {
    from.disabled = !fromTime.checked;
    const options = body();
    summary.textContent = `${job.name} replays ${options.from ? `the history from ${new Date(options.from)
      .toLocaleString('en-GB')}` : 'the whole history'}: each object's newest state is applied once, links are kept`
      + `${options.from ? '' : ', retries waiting and a failing target\'s quarantine are cleared'}`
      + `${options.full ? '; every link is checked against the target (objects gone from it are created again)' : ''}`
      + `${options.forceDeletes ? '; the disables and deletes the deletion guard holds are sent' : '; what the deletion '
        + 'guard holds stays held'}.`;
    clear(preview);
  };
  [whole, fromTime, from, full, forceDeletes].forEach(control => control.addEventListener('change', describe));
  const previewButton = h('button', { type: 'button', class: 'secondary', id: 'restart-preview', onclick: async () => {
    const options = body();
    clear(preview, h('p', { class: 'muted' }, 'Reading the history without calling the target…'));
    const params = new URLSearchParams();
    if (options.from) params.set('from', options.from);
    try {
      const report = await post(`/api/v1/jobs/${job.id}/dry-run?${params}`);
      clear(preview, h('p', { class: 'alert success', id: 'restart-preview-counts' },
        `${count(report.eventsRead)} events read. `, Object.entries(report.counts)
          .map(([action, n]) => `${words(action)}: ${count(n)}`).join(' · ') || 'Nothing would change.',
        options.full ? ' (Full\'s check of each link against the target is not part of the preview.)' : ''));
    } catch (error) {
      clear(preview, errorBox(error));
    }
  } }, 'Preview (dry run)');
  const dialog = h('dialog', { id: 'restart-dialog', 'aria-labelledby': 'restart-title',
    'aria-describedby': 'restart-summary' },
  h('form', { method: 'dialog' },
    h('h2', { id: 'restart-title' }, 'Restart provisioning'),
    h('fieldset', {}, h('legend', {}, 'Replay'),
      h('div', { class: 'field checkbox' }, whole, h('label', { for: 'restart-whole' }, 'The whole history')),
      h('div', { class: 'field checkbox' }, fromTime, h('label', { for: 'restart-from-time' }, 'From a time')),
      h('div', { class: 'field indent' }, h('label', { for: 'restart-from' }, 'Replay from (your local time)'), from)),
    h('div', { class: 'field checkbox' }, full, h('label', { for: 'restart-full' },
      'Full: check every link against the target')),
    h('div', { class: 'field checkbox' }, forceDeletes, h('label', { for: 'restart-force-deletes' },
      'Force deletes: send what the deletion guard holds')),
    summary, preview,
    h('div', { class: 'actions' }, previewButton,
      h('button', { value: 'cancel', id: 'restart-cancel', class: 'secondary' }, 'Cancel'),
      h('button', { value: 'ok', id: 'restart-confirm', class: 'primary' }, 'Restart'))));
  document.body.append(dialog);
  describe();
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      const options = dialog.returnValue === 'ok' ? body() : null;
      dialog.remove();
      resolve(options);
    }, { once: true });
    dialog.showModal();
    document.getElementById('restart-cancel').focus();
  });
}

function localInput(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
