// Staged deletions: the disables and deletes the deletion guard holds, to approve or reject.
import { get, post } from '../api.js';
import { clear, h } from '../dom.js';
import { time, words } from '../format.js';
import { adminOnly, busy, confirmAction, errorBox, toast } from '../ui.js';

export async function renderDeletions(content, job, context, reload) {
  clear(content, h('p', { class: 'muted' }, 'Loading…'));
  let staged;
  try {
    staged = await get(`/api/v1/jobs/${job.id}/staged-deletions`);
  } catch (error) {
    clear(content, errorBox(error));
    return;
  }
  const held = staged.filter(entry => entry.state === 'HELD').length;
  const decide = (verb, label, text) => adminOnly(h('button', { class: verb === 'allow' ? 'primary' : 'danger',
    id: `${verb}-deletions`, disabled: held === 0, onclick: async event => {
      if (await confirmAction(`${label}?`, text, label)) {
        await busy(event.target, async () => {
          const answer = await post(`/api/v1/jobs/${job.id}/staged-deletions/${verb}`);
          toast(`${label}: ${JSON.stringify(answer)}`, 'success');
          reload();
        });
      }
    } }, label));
  clear(content, h('section', { class: 'card', 'aria-labelledby': 'deletions-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'deletions-title' }, 'Staged deletions'),
      h('div', { class: 'actions' },
        decide('allow', 'Approve held deletions', `The ${held} held disables and deletes go out to the target.`),
        decide('reject', 'Reject held deletions', `The ${held} held disables and deletes are never sent; the job `
          + 'stays quarantined until their cause is fixed.'))),
    h('p', { class: 'muted' }, `${held} held. The deletion guard holds disables and deletes beyond the job's `
      + `threshold (${job.deletionThreshold}) until an admin decides.`),
    h('table', { class: 'data-table', id: 'staged-deletions' },
      h('thead', {}, h('tr', {}, ['Object', 'Type', 'Action', 'Cause', 'State', 'Since']
        .map(title => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, staged.length === 0
        ? h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'Nothing staged.'))
        : staged.map(entry => h('tr', {},
          h('td', {}, entry.displayName || entry.userPrincipalName || entry.objectId),
          h('td', {}, words(entry.objectType)), h('td', {}, words(entry.action)), h('td', {}, words(entry.cause)),
          h('td', {}, words(entry.state)), h('td', {}, time(entry.since))))))));
}
