// A search box over the directory's users (and groups): type the start of a name or a user principal name, pick one
// from the list. Escape clears the list.
import { clear, field, h, select } from './dom.js';
import { groups, nameOf, users } from './directory.js';
import { errorBox } from './ui.js';

/**
 * @param id the prefix of the controls' ids
 * @param label the search box's label
 * @param kinds ['user'], ['group'] or ['user', 'group']
 * @param onPick called with (object, kind) when one is picked
 */
export function directoryPicker({ id, label, kinds = ['user'], onPick, disabled = false }) {
  const kind = kinds.length > 1 ? select(kinds.map(k => [k, k === 'user' ? 'Users' : 'Groups']), kinds[0],
    { id: `${id}-kind`, disabled }) : null;
  const search = h('input', { id: `${id}-search`, type: 'search', autocomplete: 'off', spellcheck: 'false', disabled,
    placeholder: 'Start of a display name, or a user principal name', 'aria-controls': `${id}-results` });
  const results = h('div', { id: `${id}-results`, class: 'picker-results', 'aria-live': 'polite' });
  const picked = h('p', { id: `${id}-picked`, class: 'muted small picked' });
  let timer;
  let generation = 0;
  const currentKind = () => (kind ? kind.value : kinds[0]);

  const load = async (after, more) => {
    const mine = ++generation;
    const k = currentKind();
    try {
      const page = k === 'user' ? await users(search.value, after, 10) : await groups(search.value, after, 10);
      if (mine !== generation) return;
      const items = page.items.map(object => h('li', {}, h('button', { type: 'button', class: 'pick',
        'data-pick-id': object.id, 'aria-label': `Pick ${nameOf(object)}${object.userPrincipalName
          ? ` (${object.userPrincipalName})` : ''}`,
        onclick: () => {
          picked.textContent = `Picked: ${nameOf(object)}${object.userPrincipalName ? ` (${object.userPrincipalName})`
            : ''}`;
          clear(results);
          onPick(object, k);
        } }, h('span', { class: 'pick-name' }, nameOf(object)), ' ',
      h('span', { class: 'muted small' }, object.userPrincipalName || object.description || ''))));
      const list = more ? results.querySelector('ul') : null;
      results.querySelector('.picker-more')?.remove();
      if (list) {
        items.forEach(item => list.append(item));
      } else {
        clear(results, items.length === 0 ? h('p', { class: 'muted small' }, 'Nobody matches.')
          : h('ul', { class: 'plain picker-list', 'aria-label': `${k === 'user' ? 'Users' : 'Groups'} found` }, items));
      }
      if (page.nextCursor) {
        results.append(h('button', { type: 'button', class: 'secondary picker-more',
          onclick: () => load(page.nextCursor, true) }, 'More'));
      }
    } catch (error) {
      if (mine === generation) clear(results, errorBox(error));
    }
  };
  const searchSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(null, false), 250);
  };
  search.addEventListener('input', searchSoon);
  search.addEventListener('focus', () => { if (!results.firstChild) searchSoon(); });
  kind?.addEventListener('change', searchSoon);
  const element = h('div', { class: 'picker', onkeydown: event => {
    if (event.key === 'Escape' && results.firstChild) {
      event.stopPropagation();
      generation++;
      clear(results);
      search.focus();
    }
  } },
  kind ? field('Look for', kind) : null,
  field(label, search, 'Pick from the directory (assignment-service), searched with your key'),
  results, picked);
  return { element, search, focus: () => search.focus() };
}
