// Attribute mappings per object type, edited in place; the expression editor with live evaluation; a dry run
// before saving.
import { api, post } from '../api.js';
import { clear, field, h, select } from '../dom.js';
import { count, value, words } from '../format.js';
import { adminOnly, busy, canChange, errorBox, toast } from '../ui.js';
import { nameOf, sampleUser } from '../directory.js';
import { directoryPicker } from '../picker.js';

const TYPES = ['DIRECT', 'CONSTANT', 'EXPRESSION', 'NONE'];
const SAMPLE_USER = {
  userPrincipalName: 'ada.lovelace@example.com', mail: 'ada.lovelace@example.com', givenName: 'Ada',
  surname: 'Lovelace', displayName: 'Ada Lovelace', accountEnabled: true, objectId: '00000000-0000-0000-0000-00000000ada1',
};

export function renderMappings(content, job, context, reload) {
  const objectType = context.params[2] === 'groups' ? 'groups' : 'users';
  const settings = job[objectType];
  const mappings = settings.mappings.map(m => ({ ...m }));
  const tableHolder = h('div', {});
  const editor = h('div', { id: 'expression-editor-holder' });
  const preview = h('div', { id: 'dry-run-result', 'aria-live': 'polite' });
  const errors = h('div', {});
  const proposed = () => ({ ...settings, mappings });

  const draw = () => clear(tableHolder, mappingTable(mappings, index => {
    clear(editor, expressionEditor(mappings[index], () => draw(), job));
    editor.querySelector('textarea')?.focus();
  }, draw));

  const dryRun = adminOnly(h('button', { type: 'button', class: 'secondary', id: 'dry-run',
    onclick: event => busy(event.target, async () => {
      clear(preview, h('p', { class: 'muted' }, 'Running the history through the proposed mappings…'));
      try {
        const report = await post(`/api/v1/jobs/${job.id}/dry-run`, { [objectType]: proposed() });
        clear(preview, dryRunReport(report));
      } catch (error) {
        clear(preview, errorBox(error));
      }
    }) }, 'Dry run (what would change)'));
  const save = adminOnly(h('button', { type: 'button', class: 'primary', id: 'save-mappings',
    onclick: event => busy(event.target, async () => {
      clear(errors);
      try {
        await api('PUT', `/api/v1/jobs/${job.id}`, { name: job.name, applicationId: job.applicationId,
          profile: job.profile, tenantUrl: job.tenantUrl, [objectType]: proposed() },
        { headers: { 'If-Match': `"${job.version}"` } });
        toast('Mappings saved: every object is evaluated again with them.', 'success');
        reload();
      } catch (error) {
        clear(errors, errorBox(error));
      }
    }) }, 'Save'));
  const add = adminOnly(h('button', { type: 'button', class: 'secondary', id: 'add-mapping', onclick: () => {
    mappings.push({ type: 'DIRECT', source: '', target: '', defaultValue: null, applyOn: 'ALWAYS', matching: false,
      matchingPrecedence: 0 });
    draw();
  } }, 'Add mapping'));

  clear(content, h('section', { class: 'card', 'aria-labelledby': 'mappings-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'mappings-title' }, `Attribute mappings: ${words(objectType)}`),
      h('nav', { class: 'sub-tabs', 'aria-label': 'Object type' },
        ['users', 'groups'].map(type => h('a', { href: `#/jobs/${job.id}/mappings/${type}`,
          'aria-current': type === objectType ? 'page' : false }, words(type))))),
    h('p', { class: 'muted' }, 'Edit in place. Try the dry run before saving: it shows what a replay with these '
      + 'mappings would change, without touching the target.'),
    tableHolder, editor, errors,
    h('div', { class: 'actions' }, add, dryRun, save)), preview);
  draw();
}

function mappingTable(mappings, openEditor, redraw) {
  return h('table', { class: 'data-table editable', id: 'mappings' },
    h('thead', {}, h('tr', {}, ['Target attribute', 'Type', 'Source / constant / expression', 'Default if empty',
      'Apply', 'Matching (precedence)', ''].map(title => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, mappings.map((mapping, index) => {
      const label = what => `${what} of mapping ${index + 1} (${mapping.target || 'new'})`;
      const bind = (control, key, read = c => c.value) => {
        control.addEventListener('change', () => {
          mapping[key] = read(control);
          if (key === 'type') redraw();
        });
        return adminOnly(control);
      };
      const source = bind(h('input', { value: mapping.source || '', 'aria-label': label('Source'),
        'data-mapping-source': mapping.target }), 'source');
      return h('tr', { 'data-mapping': mapping.target },
        h('td', {}, bind(h('input', { value: mapping.target || '', 'aria-label': label('Target attribute') }), 'target')),
        h('td', {}, bind(select(TYPES, mapping.type, { 'aria-label': label('Type') }), 'type')),
        h('td', { class: 'source-cell' }, source, mapping.type === 'EXPRESSION'
          ? h('button', { type: 'button', class: 'link', 'data-edit-expression': mapping.target,
            onclick: () => openEditor(index) }, 'Expression editor') : null),
        h('td', {}, bind(h('input', { value: mapping.defaultValue || '', 'aria-label': label('Default value') }),
          'defaultValue', c => c.value || null)),
        h('td', {}, bind(select([['ALWAYS', 'Always'], ['CREATE_ONLY', 'Only on create']], mapping.applyOn,
          { 'aria-label': label('Apply this mapping') }), 'applyOn')),
        h('td', { class: 'nowrap' },
          bind(h('input', { type: 'checkbox', checked: mapping.matching, 'aria-label': label('Match objects using') }),
            'matching', c => c.checked),
          bind(h('input', { type: 'number', min: 0, max: 9, class: 'narrow', value: mapping.matchingPrecedence,
            'aria-label': label('Matching precedence') }), 'matchingPrecedence', c => Number(c.value))),
        h('td', {}, adminOnly(h('button', { type: 'button', class: 'link danger-text',
          'aria-label': label('Remove'), onclick: () => {
            mappings.splice(index, 1);
            redraw();
          } }, 'Remove'))));
    })));
}

/**
 * The expression of one mapping, evaluated as it is typed against a user picked from the directory (an example user
 * until one is picked); errors shown at their position.
 */
function expressionEditor(mapping, onApply, job) {
  const expression = h('textarea', { id: 'expression', rows: 3, spellcheck: 'false', value: mapping.source || '' });
  const result = h('div', { id: 'expression-result', 'aria-live': 'polite' });
  const sampleView = h('pre', { id: 'expression-sample', class: 'sample', tabindex: '0',
    'aria-label': 'The sample user\'s attributes' });
  const sampleName = h('p', { id: 'expression-sample-name', class: 'small' });
  let sample = { attributes: SAMPLE_USER, appRoleAssignments: [] };
  const showSample = name => {
    sampleName.textContent = name;
    sampleView.textContent = JSON.stringify(sample.attributes, null, 2);
  };
  showSample('Evaluated on an example user until you pick one from the directory.');
  let timer;
  const evaluate = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const preview = await post('/api/v1/expression-builder/expressions',
          { expression: expression.value, source: sample });
        clear(result, expressionResult(expression.value, preview));
      } catch (error) {
        clear(result, errorBox(error));
      }
    }, 250);
  };
  const picker = directoryPicker({ id: 'expression-user', label: 'Sample user from the directory', onPick:
    async object => {
      sample = await sampleUser(object, job.applicationId);
      const roles = sample.appRoleAssignments.map(role => role.displayName
        + (role.principalType === 'Group' ? ' (through a group)' : '')).join(', ');
      showSample(`Evaluated on ${nameOf(object)} (${object.userPrincipalName}) as the job's pipeline sees them; `
        + `app roles: ${roles || 'none (not assigned)'}.`);
      evaluate();
    } });
  expression.addEventListener('input', evaluate);
  evaluate();
  const apply = h('button', { type: 'button', class: 'primary', id: 'apply-expression', disabled: !canChange(),
    onclick: () => {
      mapping.source = expression.value;
      onApply();
    } }, 'Use this expression');
  return h('section', { class: 'card expression-editor', 'aria-labelledby': 'expression-title' },
    h('h3', { id: 'expression-title' }, `Expression for ${mapping.target}`),
    h('div', { class: 'two-columns' },
      h('div', {}, field('Expression', expression, 'Entra\'s syntax: Join(" ", [givenName], [surname]), '
        + 'Switch, IIF, Replace, …'), result),
      h('div', {}, picker.element, sampleName, h('details', {}, h('summary', {}, 'Attributes of the sample user'),
        sampleView))),
    h('div', { class: 'actions' }, apply));
}

function expressionResult(text, preview) {
  if (preview.status === 'OK') {
    return h('div', { class: 'alert success', id: 'expression-value' }, h('strong', {}, 'Result: '),
      preview.redacted ? '[Redact]' : value(preview.value), preview.flows ? '' : ' (no value: the target is left as is)');
  }
  const position = preview.errorPosition >= 0 ? preview.errorPosition : null;
  return h('div', { class: 'alert error', id: 'expression-error' },
    h('strong', {}, preview.status === 'INVALID' ? 'Invalid expression' : 'Evaluation failed'),
    position === null ? '' : ` at position ${position + 1}`, `: ${preview.error}`,
    position === null ? null : h('pre', { class: 'error-position' }, text, '\n', ' '.repeat(position), '^'));
}

export function dryRunReport(report) {
  const changes = report.changes.slice(0, 10);
  return h('section', { class: 'card', 'aria-labelledby': 'dry-run-title' },
    h('h2', { id: 'dry-run-title' }, 'Dry run: what would change'),
    h('p', {}, `${count(report.eventsRead)} events read. `, Object.entries(report.counts)
      .map(([action, n]) => `${words(action)}: ${count(n)}`).join(' · ') || 'Nothing would change.'),
    changes.length === 0 ? null : h('table', { class: 'data-table', id: 'dry-run-sample' },
      h('caption', {}, `A sample of ${changes.length} of the planned changes${report.truncated ? ' (more planned)' : ''}`),
      h('thead', {}, h('tr', {}, ['Object', 'Action', 'Values old → new'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, changes.map(change => h('tr', {},
        h('td', {}, change.sourceDisplay || change.sourceId), h('td', {}, words(change.action)),
        h('td', {}, change.values.length === 0 ? change.reason || '—' : h('ul', { class: 'plain' },
          change.values.map(v => h('li', {}, h('code', {}, v.displayName), `: ${value(v.oldValue)} → `
            + value(v.newValue))))))))));
}
