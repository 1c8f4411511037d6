// The application's "Users and groups" (Entra's blade): who is assigned with which role; assign and remove.
import { clear, field, h, select } from '../dom.js';
import { application, assign, assignments, group, nameOf, unassign, user } from '../directory.js';
import { directoryPicker } from '../picker.js';
import { time } from '../format.js';
import { adminOnly, busy, canChange, confirmAction, errorBox, toast } from '../ui.js';

export async function renderAssignments(content, job, context, reload) {
  clear(content, h('p', { class: 'muted' }, 'Loading…'));
  let app;
  try {
    app = await application(job.applicationId);
  } catch (error) {
    clear(content, h('section', { class: 'card' }, h('h2', {}, 'Users and groups'), errorBox(error)));
    return;
  }
  const roles = app.appRoles || [];
  const roleName = id => roles.find(role => role.id === id)?.displayName || id;
  const list = h('div', { id: 'assignment-list' });
  let cursors = [null];

  const load = async page => {
    clear(list, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const answer = await assignments(job.applicationId, cursors[page]);
      cursors = cursors.slice(0, page + 1);
      if (answer.nextCursor) cursors.push(answer.nextCursor);
      const principals = await Promise.all(answer.items.map(a => (a.principalType === 'GROUP'
        ? group(a.principalId) : user(a.principalId)).catch(() => ({ id: a.principalId }))));
      clear(list, answer.items.length === 0 ? h('p', { class: 'muted', id: 'no-assignments' }, 'Nobody is assigned.')
        : h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', id: 'assignments' },
          h('caption', { class: 'visually-hidden' }, 'Assignments'),
          h('thead', {}, h('tr', {}, ['Name', 'Type', 'Role', 'Assigned', ''].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, answer.items.map((a, i) => {
            const name = nameOf(principals[i]);
            return h('tr', { 'data-assignment': a.id, 'data-principal': a.principalId },
              h('th', { scope: 'row' }, name, principals[i].userPrincipalName
                ? h('span', { class: 'muted small block' }, principals[i].userPrincipalName) : null),
              h('td', {}, a.principalType === 'GROUP' ? 'Group' : 'User'),
              h('td', {}, roleName(a.appRoleId)),
              h('td', {}, time(a.createdDateTime)),
              h('td', {}, adminOnly(h('button', { type: 'button', class: 'link danger-text',
                'aria-label': `Remove the assignment of ${name}`, 'data-remove-assignment': a.principalId,
                onclick: async event => {
                  if (await confirmAction('Remove this assignment?', `${name} loses the role ${roleName(a.appRoleId)}`
                    + ` in ${app.displayName}. The job disables or deletes what it provisioned for them, as its `
                    + 'deletion settings say.', 'Remove')) {
                    await busy(event.target, async () => {
                      await unassign(job.applicationId, a.id);
                      toast(`${name} is no longer assigned.`, 'success');
                      await load(0);
                    });
                  }
                } }, 'Remove'))));
          })))),
      h('div', { class: 'pager' },
        h('button', { class: 'secondary', disabled: page === 0, onclick: () => load(page - 1) }, 'Previous'),
        h('span', {}, `Page ${page + 1}`),
        h('button', { class: 'secondary', disabled: !answer.nextCursor, onclick: () => load(page + 1) }, 'Next')));
    } catch (error) {
      clear(list, errorBox(error));
    }
  };

  let chosen = null;
  const chosenText = h('p', { id: 'assign-chosen', class: 'muted' }, 'Nobody picked yet.');
  const role = adminOnly(select(roles.map(r => [r.id, r.displayName + (r.defaultAccess ? ' (default)' : '')]),
    roles.find(r => r.defaultAccess)?.id, { id: 'assign-role' }));
  const assignButton = adminOnly(h('button', { type: 'submit', class: 'primary', id: 'assign-button', disabled: true },
    'Assign'));
  const picker = directoryPicker({ id: 'assign', label: 'User or group to assign', kinds: ['user', 'group'],
    disabled: !canChange(), onPick: (object, kind) => {
      chosen = { object, kind };
      chosenText.textContent = `${kind === 'group' ? 'Group' : 'User'} ${nameOf(object)} will be assigned.`;
      assignButton.disabled = !canChange();
    } });
  const errors = h('div', {});
  const form = h('form', { class: 'card form', id: 'assign-form', onsubmit: event => {
    event.preventDefault();
    if (!chosen) return;
    clear(errors);
    busy(assignButton, async () => {
      try {
        await assign(job.applicationId, chosen.object.id, role.value);
        toast(`${nameOf(chosen.object)} is assigned: the job provisions them.`, 'success');
        chosen = null;
        chosenText.textContent = 'Nobody picked yet.';
        await load(0);
      } catch (error) {
        clear(errors, errorBox(error));
      }
    }).then(() => { assignButton.disabled = !chosen || !canChange(); });
  } },
  h('h2', {}, 'Add an assignment'),
  picker.element, chosenText, field('Role', role), errors, h('div', { class: 'actions' }, assignButton));

  clear(content,
    h('section', { class: 'card', 'aria-labelledby': 'assignments-title' },
      h('h2', { id: 'assignments-title' }, `Users and groups assigned to ${app.displayName}`),
      h('p', { class: 'muted' }, 'Who the job provisions (unless it syncs all users and groups). Users in an assigned '
        + 'group are in scope through it.'),
      list),
    form);
  await load(0);
}
