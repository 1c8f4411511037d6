// Scoping filters per object type, as Entra's editor: groups of clauses (a group passes when all its clauses do; an
// object is in scope when any group passes), every operator of the engine, evaluated live on an object picked from the
// directory; a dry run and Save (the job's PUT).
import { api, post } from '../api.js';
import { clear, h, select } from '../dom.js';
import { GROUP_ATTRIBUTES, USER_ATTRIBUTES, nameOf, sampleGroup, sampleUser } from '../directory.js';
import { words } from '../format.js';
import { directoryPicker } from '../picker.js';
import { adminOnly, busy, confirmAction, errorBox, toast } from '../ui.js';
import { dryRunReport } from './mappings.js';

/** The operators in the portal's spelling (what the job stores), each with the words a person reads. */
const OPERATORS = [
  ['EQUALS', 'Equals'], ['NOT EQUALS', 'Not equals'], ['IS TRUE', 'Is true'], ['IS FALSE', 'Is false'],
  ['IS NULL', 'Is null'], ['IS NOT NULL', 'Is not null'], ['REGEX MATCH', 'Matches the regular expression'],
  ['NOT REGEX MATCH', 'Does not match the regular expression'], ['Greater_Than', 'Greater than (number)'],
  ['Greater_Than_OR_EQUALS', 'Greater than or equals (number)'], ['Includes', 'Includes'],
  ['ENDS_WITH', 'Ends with'], ['&', 'Has every bit of (&)'], ['!&', 'Has none of the bits of (!&)'],
];
const WITHOUT_VALUE = new Set(['IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL']);
const normalized = text => String(text || '').toUpperCase().replace(/[\s_]/g, '');

/** The stored operator in the editor's spelling (the API accepts several: NOT_EQUALS, ISNOTNULL, …). */
function known(operator) {
  return OPERATORS.find(([value]) => normalized(value) === normalized(operator))?.[0] || operator || 'EQUALS';
}

export function renderScoping(content, job, context, reload) {
  const objectType = context.params[2] === 'groups' ? 'groups' : 'users';
  const settings = job[objectType];
  const filters = (settings.scopingFilters || []).map(filter => ({ title: filter.title || '',
    clauses: filter.clauses.map(clause => ({ attribute: clause.attribute, operator: known(clause.operator),
      value: clause.value ?? '' })) }));
  const attributes = objectType === 'users' ? USER_ATTRIBUTES : GROUP_ATTRIBUTES;
  const editor = h('div', { id: 'scoping-groups' });
  const evaluation = h('div', { id: 'scoping-evaluation', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, `Pick a ${objectType === 'users' ? 'user' : 'group'} to see whether the filters keep it `
      + 'in scope.'));
  const preview = h('div', { id: 'scoping-dry-run', 'aria-live': 'polite' });
  const errors = h('div', {});
  let sample = null;
  let timer;

  const wire = () => filters.map(filter => ({ title: filter.title || null, clauses: filter.clauses.map(clause => ({
    attribute: clause.attribute.trim(), operator: clause.operator,
    value: WITHOUT_VALUE.has(clause.operator) ? null : clause.value })) }));
  const proposed = () => ({ ...settings, scopingFilters: wire() });

  const evaluate = () => {
    clearTimeout(timer);
    if (!sample) return;
    timer = setTimeout(async () => {
      try {
        const answer = await post('/api/v1/expression-builder/scoping-filters', { filters: wire(),
          source: sample.source });
        clear(evaluation, answer.status !== 'OK'
          ? h('div', { class: 'alert error', id: 'scoping-verdict' }, h('strong', {}, 'The filters are not valid: '),
            answer.error || answer.reason || '')
          : h('div', { class: `alert ${answer.inScope ? 'success' : 'warning'}`, id: 'scoping-verdict' },
            h('strong', {}, `${sample.name} is ${answer.inScope ? 'in scope' : 'out of scope'}. `), answer.reason || ''));
      } catch (error) {
        clear(evaluation, errorBox(error));
      }
    }, 200);
  };
  const changed = () => {
    const focused = document.activeElement?.getAttribute('data-clause');
    draw();
    if (focused) editor.querySelector(`[data-clause="${focused}"]`)?.focus();
    evaluate();
  };

  const draw = () => clear(editor, filters.length === 0
    ? h('p', { class: 'muted', id: 'no-scoping-filters' }, `No scoping filter: every assigned ${objectType === 'users'
      ? 'user' : 'group'} is in scope.`)
    : filters.map((filter, f) => scopingGroup(filter, f, filters, attributes, changed, evaluate)));

  const addGroup = adminOnly(h('button', { type: 'button', class: 'secondary', id: 'add-scoping-group', onclick: () => {
    filters.push({ title: '', clauses: [{ attribute: '', operator: 'EQUALS', value: '' }] });
    changed();
    editor.querySelector('.scoping-group:last-child input')?.focus();
  } }, 'Add scoping filter group'));
  const dryRun = adminOnly(h('button', { type: 'button', class: 'secondary', id: 'scoping-dry-run-button',
    onclick: event => busy(event.target, async () => {
      clear(preview, h('p', { class: 'muted' }, 'Running the history through the proposed filters…'));
      try {
        clear(preview, dryRunReport(await post(`/api/v1/jobs/${job.id}/dry-run`, { [objectType]: proposed() })));
      } catch (error) {
        clear(preview, errorBox(error));
      }
    }) }, 'Dry run (what would change)'));
  const save = adminOnly(h('button', { type: 'button', class: 'primary', id: 'save-scoping', onclick: async event => {
    if (!await confirmAction('Save the scoping filters?', `Every ${objectType === 'users' ? 'user' : 'group'} of `
      + `${job.name} is evaluated again with them; objects that leave the scope are disabled or deleted as the job's `
      + 'settings say.', 'Save')) return;
    await busy(event.target, async () => {
      clear(errors);
      try {
        await api('PUT', `/api/v1/jobs/${job.id}`, { name: job.name, applicationId: job.applicationId,
          profile: job.profile, tenantUrl: job.tenantUrl, [objectType]: proposed() },
        { headers: { 'If-Match': `"${job.version}"` } });
        toast('Scoping filters saved: every object is evaluated again with them.', 'success');
        reload();
      } catch (error) {
        clear(errors, errorBox(error));
      }
    });
  } }, 'Save'));

  const picker = directoryPicker({ id: 'scoping-sample', label: `Try on a ${objectType === 'users' ? 'user' : 'group'}`,
    kinds: [objectType === 'users' ? 'user' : 'group'], onPick: async object => {
      sample = { name: nameOf(object), source: objectType === 'users' ? await sampleUser(object, job.applicationId)
        : sampleGroup(object) };
      evaluate();
    } });

  clear(content, h('section', { class: 'card', 'aria-labelledby': 'scoping-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'scoping-title' }, `Scoping filters: ${words(objectType)}`),
      h('nav', { class: 'sub-tabs', 'aria-label': 'Object type' },
        ['users', 'groups'].map(type => h('a', { href: `#/jobs/${job.id}/scoping/${type}`,
          'aria-current': type === objectType ? 'page' : false }, words(type))))),
    h('p', { class: 'muted' }, 'An object is in scope when it passes any one group; it passes a group when every '
      + 'clause of the group holds (OR of ANDs, as in Entra). Applied after the assignment.'),
    h('datalist', { id: 'scoping-attributes' }, attributes.map(name => h('option', { value: name }))),
    editor, errors,
    h('div', { class: 'actions' }, addGroup, dryRun, save)),
  h('section', { class: 'card', 'aria-labelledby': 'scoping-try-title' },
    h('h2', { id: 'scoping-try-title' }, 'Try the filters'), picker.element, evaluation),
  preview);
  draw();
}

function scopingGroup(filter, f, filters, attributes, changed, evaluate) {
  const label = what => `${what} of group ${f + 1}`;
  const title = adminOnly(h('input', { value: filter.title, 'aria-label': label('Title'), placeholder: 'Title (optional)',
    class: 'scoping-title', onchange: event => { filter.title = event.target.value; } }));
  return h('fieldset', { class: 'scoping-group', 'data-scoping-group': f },
    h('legend', {}, `Group ${f + 1}${f > 0 ? ' (or)' : ''}`),
    h('div', { class: 'scoping-group-head' }, title,
      adminOnly(h('button', { type: 'button', class: 'link danger-text', 'aria-label': label('Remove'),
        onclick: () => {
          filters.splice(f, 1);
          changed();
        } }, 'Remove group'))),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table editable scoping-clauses' },
      h('caption', { class: 'visually-hidden' }, `Clauses of group ${f + 1} (all must hold)`),
      h('thead', {}, h('tr', {}, ['Source attribute', 'Operator', 'Value', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, filter.clauses.map((clause, c) => {
        const what = text => `${text} of clause ${c + 1} of group ${f + 1}`;
        const attribute = adminOnly(h('input', { value: clause.attribute, list: 'scoping-attributes',
          'aria-label': what('Source attribute'), spellcheck: 'false', 'data-clause': `${f}-${c}-attribute`,
          oninput: event => { clause.attribute = event.target.value; evaluate(); } }));
        const operator = adminOnly(select(OPERATORS, clause.operator, { 'aria-label': what('Operator'),
          'data-clause': `${f}-${c}-operator`, onchange: event => { clause.operator = event.target.value; changed(); } }));
        const value = adminOnly(h('input', { value: clause.value, 'aria-label': what('Value'), spellcheck: 'false',
          'data-clause': `${f}-${c}-value`, disabled: WITHOUT_VALUE.has(clause.operator),
          placeholder: WITHOUT_VALUE.has(clause.operator) ? 'no value' : '',
          oninput: event => { clause.value = event.target.value; evaluate(); } }));
        return h('tr', {}, h('td', {}, attribute), h('td', {}, operator), h('td', {}, value),
          h('td', {}, adminOnly(h('button', { type: 'button', class: 'link danger-text',
            'aria-label': what('Remove'), onclick: () => {
              filter.clauses.splice(c, 1);
              if (filter.clauses.length === 0) filters.splice(f, 1);
              changed();
            } }, 'Remove'))));
      })))),
    adminOnly(h('button', { type: 'button', class: 'secondary', 'data-add-clause': f, onclick: () => {
      filter.clauses.push({ attribute: '', operator: 'EQUALS', value: '' });
      changed();
    } }, 'Add clause (and)')));
}
