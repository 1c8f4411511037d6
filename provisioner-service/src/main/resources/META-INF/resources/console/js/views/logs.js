// Provisioning logs: filters, the table, a detail pane with steps and modified properties, CSV download.
import { get, headers } from '../api.js';
import { clear, field, h, select } from '../dom.js';
import { time, value, words } from '../format.js';
import { busy, errorBox, toast } from '../ui.js';

const ACTIONS = ['', 'CREATE', 'UPDATE', 'DISABLE', 'DELETE', 'STAGED_DELETE', 'OTHER'];
const STATUSES = ['', 'SUCCESS', 'WARNING', 'FAILURE', 'SKIPPED'];

export async function renderLogs(content, job) {
  const identity = h('input', { id: 'log-identity', type: 'search', placeholder: 'name, source or target id' });
  const action = select(ACTIONS.map(a => [a, a ? words(a) : 'Any action']), '', { id: 'log-action' });
  const status = select(STATUSES.map(s => [s, s ? words(s) : 'Any status']), '', { id: 'log-status' });
  const from = h('input', { id: 'log-from', type: 'datetime-local', step: 1 });
  const to = h('input', { id: 'log-to', type: 'datetime-local', step: 1 });
  const table = h('div', { id: 'log-table' });
  const detail = h('aside', { class: 'card detail', id: 'log-detail', 'aria-label': 'Log entry detail',
    tabindex: '-1' }, h('p', { class: 'muted' }, 'Select an entry to see its steps and modified properties.'));
  let cursors = [null];
  let detailOpener = null;
  const placeholder = () => h('p', { class: 'muted' }, 'Select an entry to see its steps and modified properties.');
  const closeDetail = () => {
    clear(detail, placeholder());
    detailOpener?.focus();
    detailOpener = null;
  };
  detail.addEventListener('keydown', event => {
    if (event.key === 'Escape' && detailOpener) {
      event.preventDefault();
      closeDetail();
    }
  });

  const query = cursor => {
    const params = new URLSearchParams({ limit: '50' });
    if (identity.value.trim()) params.set('identity', identity.value.trim());
    if (action.value) params.set('action', action.value);
    if (status.value) params.set('status', status.value);
    if (from.value) params.set('from', new Date(from.value).toISOString());
    if (to.value) params.set('to', new Date(to.value).toISOString());
    if (cursor) params.set('cursor', cursor);
    return params;
  };

  const load = async page => {
    clear(table, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const answer = await get(`/api/v1/jobs/${job.id}/logs?${query(cursors[page])}`);
      cursors = cursors.slice(0, page + 1);
      if (answer.nextCursor) cursors.push(answer.nextCursor);
      clear(table, entriesTable(answer.entries, (entry, opener) => {
        detailOpener = opener;
        clear(detail, h('div', { class: 'detail-head' }, h('button', { type: 'button', class: 'secondary small-button',
          id: 'close-detail', onclick: closeDetail }, 'Close (Esc)')), entryDetail(entry));
        detail.focus();
      }), pager(page, answer.nextCursor, load));
    } catch (error) {
      clear(table, errorBox(error));
    }
  };

  const download = h('button', { type: 'button', class: 'secondary', id: 'download-csv',
    onclick: event => busy(event.target, async () => {
      const params = query(null);
      params.delete('limit');
      params.set('format', 'joined');
      const response = await fetch(`/api/v1/jobs/${job.id}/logs/export?${params}`, { headers: headers() });
      if (!response.ok) throw new Error(`The export answered ${response.status}`);
      const link = h('a', { href: URL.createObjectURL(await response.blob()),
        download: `provisioning-logs-${job.id}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      toast('CSV downloaded.', 'success');
    }) }, 'Download CSV');

  clear(content,
    h('form', { class: 'card filters', id: 'log-filters', onsubmit: event => {
      event.preventDefault();
      cursors = [null];
      load(0);
    } },
    field('Identity', identity), field('Action', action), field('Status', status), field('From', from),
    field('To', to), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'apply-filters' },
      'Apply filters'), download)),
    h('div', { class: 'split' }, table, detail));
  await load(0);
}

function entriesTable(entries, open) {
  if (entries.length === 0) return h('p', { class: 'muted', id: 'no-entries' }, 'No entry matches.');
  return h('table', { class: 'data-table selectable', id: 'log-entries' },
    h('thead', {}, h('tr', {}, ['Date', 'Identity', 'Type', 'Action', 'Status']
      .map(title => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, entries.map(entry => h('tr', { 'data-entry': entry.id },
      h('td', {}, time(entry.activityTime)),
      h('td', {}, h('button', { class: 'link', onclick: event => open(entry, event.currentTarget),
        'aria-label': `Details of ${entry.sourceDisplay || entry.sourceId}, ${words(entry.action)}` },
      entry.sourceDisplay || entry.sourceId)),
      h('td', {}, words(entry.objectType)),
      h('td', {}, words(entry.action)),
      h('td', {}, h('span', { class: `badge ${statusClass(entry.status)}` }, words(entry.status)))))));
}

function pager(page, next, load) {
  return h('div', { class: 'pager' },
    h('button', { class: 'secondary', disabled: page === 0, onclick: () => load(page - 1) }, 'Newer'),
    h('span', {}, `Page ${page + 1}`),
    h('button', { class: 'secondary', disabled: !next, onclick: () => load(page + 1) }, 'Older'));
}

function statusClass(status) {
  return { SUCCESS: 'success', WARNING: 'warning', FAILURE: 'danger' }[status] || 'neutral';
}

/** One entry as Entra's detail pane shows it: the object, the steps, the modified properties old → new. */
export function entryDetail(entry) {
  return h('div', { class: 'entry-detail' },
    h('h3', {}, `${words(entry.action)} ${entry.objectType ? words(entry.objectType).toLowerCase() : ''}: `,
      entry.sourceDisplay || entry.sourceId),
    h('p', {}, h('span', { class: `badge ${statusClass(entry.status)}` }, words(entry.status)), ' ',
      time(entry.activityTime), ` · ${entry.durationMs} ms`),
    h('dl', { class: 'figures' },
      h('div', {}, h('dt', {}, 'Source id'), h('dd', {}, entry.sourceId || '—')),
      h('div', {}, h('dt', {}, 'Target id'), h('dd', {}, entry.targetId || '—')),
      h('div', {}, h('dt', {}, 'Change id'), h('dd', {}, entry.changeId || '—'))),
    entry.errorCode ? h('div', { class: 'alert error' }, h('strong', {}, entry.errorCode), ': ',
      entry.errorReason || '') : null,
    h('h4', {}, 'Steps'),
    h('ol', { class: 'steps' }, entry.steps.map(step => h('li', { class: `step ${statusClass(step.status)}` },
      h('strong', {}, `${words(step.type)}: ${step.name || ''}`), ' ',
      h('span', { class: `badge ${statusClass(step.status)}` }, words(step.status)),
      h('p', {}, step.description || '')))),
    h('h4', {}, 'Modified properties'),
    entry.modifiedProperties.length === 0 ? h('p', { class: 'muted' }, 'None.')
      : h('table', { class: 'compact-table modified' },
        h('thead', {}, h('tr', {}, ['Property', 'Old value', 'New value'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, entry.modifiedProperties.map(p => h('tr', {},
          h('td', {}, p.displayName), h('td', { class: 'old' }, value(p.oldValue)),
          h('td', { class: 'new' }, value(p.newValue)))))));
}
