// The directory: browse its users and groups (search, pages), as Entra's "Users" and "Groups" blades.
import { clear, field, h } from '../dom.js';
import { groups, nameOf, users } from '../directory.js';
import { errorBox } from '../ui.js';

const KINDS = {
  users: { title: 'Users', load: users, columns: ['Display name', 'User principal name', 'Department', 'Account'],
    cells: u => [h('th', { scope: 'row' }, nameOf(u)), h('td', {}, u.userPrincipalName || '—'),
      h('td', {}, u.department || '—'), h('td', {}, u.accountEnabled === false ? 'Disabled' : 'Enabled')] },
  groups: { title: 'Groups', load: groups, columns: ['Display name', 'Description', 'Type'],
    cells: g => [h('th', { scope: 'row' }, nameOf(g)), h('td', {}, g.description || '—'),
      h('td', {}, g.securityEnabled === false ? 'Distribution' : 'Security')] },
};

export async function renderDirectory(main, context) {
  const kind = context.params[0] === 'groups' ? 'groups' : 'users';
  const spec = KINDS[kind];
  const search = h('input', { id: 'directory-search', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: kind === 'users' ? 'Start of a display name, or a user principal name' : 'Start of a display name' });
  const table = h('div', { id: 'directory-table' });
  let cursors = [null];

  const load = async page => {
    clear(table, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const answer = await spec.load(search.value, cursors[page], 25);
      cursors = cursors.slice(0, page + 1);
      if (answer.nextCursor) cursors.push(answer.nextCursor);
      clear(table, answer.items.length === 0 ? h('p', { class: 'muted', id: 'directory-empty' }, 'Nothing matches.')
        : h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', id: 'directory-objects' },
          h('caption', { class: 'visually-hidden' }, spec.title),
          h('thead', {}, h('tr', {}, [...spec.columns, 'Object id'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, answer.items.map(object => h('tr', { 'data-object': object.id }, spec.cells(object),
            h('td', {}, h('code', { class: 'small' }, object.id))))))),
      h('div', { class: 'pager' },
        h('button', { class: 'secondary', id: 'directory-previous', disabled: page === 0,
          onclick: () => load(page - 1) }, 'Previous'),
        h('span', {}, `Page ${page + 1}`),
        h('button', { class: 'secondary', id: 'directory-next', disabled: !answer.nextCursor,
          onclick: () => load(page + 1) }, 'Next')));
    } catch (error) {
      clear(table, errorBox(error));
    }
  };

  clear(main,
    h('h1', {}, 'Directory'),
    h('p', { class: 'muted' }, 'The source directory (assignment-service), read with your key. Assign users and groups '
      + 'to an application from its job\'s "Users and groups" tab.'),
    h('nav', { class: 'tabs', 'aria-label': 'Directory objects' }, Object.entries(KINDS).map(([key, value]) =>
      h('a', { href: `#/directory/${key}`, id: `directory-tab-${key}`, 'aria-current': key === kind ? 'page' : false },
        value.title))),
    h('form', { class: 'card filters', id: 'directory-filters', role: 'search', onsubmit: event => {
      event.preventDefault();
      cursors = [null];
      load(0);
    } }, field(`Search ${spec.title.toLowerCase()}`, search),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'directory-search-button' },
      'Search'))),
    table);
  await load(0);
}
