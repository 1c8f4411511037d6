// Provision on demand: one user or one group, picked from the directory (or by id), now, with each step it took.
import { post } from '../api.js';
import { clear, field, h, select } from '../dom.js';
import { nameOf } from '../directory.js';
import { directoryPicker } from '../picker.js';
import { adminOnly, busy, canChange, errorBox } from '../ui.js';
import { entryDetail } from './logs.js';

export function renderOnDemand(content, job) {
  const kind = select([['user', 'User'], ['group', 'Group']], 'user', { id: 'on-demand-kind' });
  const id = h('input', { id: 'on-demand-id', required: true, spellcheck: 'false' });
  const result = h('div', { id: 'on-demand-result', 'aria-live': 'polite' });
  const run = adminOnly(h('button', { type: 'submit', class: 'primary', id: 'provision-now' }, 'Provision'));
  [kind, id].forEach(adminOnly);
  const picker = directoryPicker({ id: 'on-demand-pick', label: 'Find a user or group', kinds: ['user', 'group'],
    disabled: !canChange(), onPick: (object, picked) => {
      kind.value = picked;
      id.value = object.id;
      run.setAttribute('aria-label', `Provision ${nameOf(object)}`);
      run.focus();
    } });
  clear(content, h('form', { class: 'card form', onsubmit: event => {
    event.preventDefault();
    busy(run, async () => {
      clear(result, h('p', { class: 'muted' }, 'Provisioning…'));
      try {
        const body = kind.value === 'user' ? { userId: id.value.trim() } : { groupId: id.value.trim() };
        const answer = await post(`/api/v1/jobs/${job.id}/provision-on-demand`, body);
        const entries = Array.isArray(answer) ? answer : answer.entries;
        clear(result, entries.map(entry => entryDetail(entry)),
          Array.isArray(answer) ? null : h('p', {}, `Members added: ${answer.membersAdded.length}, removed: `
            + `${answer.membersRemoved.length}.`));
      } catch (error) {
        clear(result, errorBox(error));
      }
    });
  } },
  h('h2', {}, 'Provision on demand'),
  h('p', {}, 'Provisions one user, or one group with its members, now, and shows each step: import, scope, match, '
    + 'action with the modified properties. No size limit for a group.'),
  picker.element,
  h('div', { class: 'two-columns narrow-columns' }, field('What', kind), field('Directory id', id,
    'Filled in by the pick; or paste an object id')),
  h('div', { class: 'actions' }, run)), result);
}
