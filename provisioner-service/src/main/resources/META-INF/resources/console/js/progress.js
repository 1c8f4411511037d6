// A job's live progress: the bar (its total from the source), rate, time left, counts by action and their chart.
import { clear, h, svg } from './dom.js';
import { count, duration, rate, time, words } from './format.js';

const WHAT_TO_DO = {
  EncounteredQuarantineException: 'The target refused the credentials or did not answer as SCIM. Check the tenant '
    + 'URL and secret token on the Connection tab, use Test connection, then Restart.',
  EncounteredEscrowProportionThreshold: 'Too many recent changes failed. Open the provisioning logs filtered on '
    + 'Failure to see why, fix the mapping or the target, then Restart.',
  TooManyDeletes: 'More disables and deletes than the job\'s threshold arrived together. Review them on the Staged '
    + 'deletions tab and approve or reject them.',
};

export function quarantineNotice(quarantine) {
  if (!quarantine) return null;
  return h('div', { class: 'alert warning quarantine', role: 'status' },
    h('strong', {}, `Quarantined: ${quarantine.reason}. `), quarantine.detail || '', ' ',
    h('span', {}, WHAT_TO_DO[quarantine.reason] || ''), ' ',
    h('span', { class: 'muted' }, `Since ${time(quarantine.since)}; next attempt ${time(quarantine.nextAttempt)}.`));
}

/** The compact bar of the overview's job list. */
export function compactProgress(label) {
  const bar = h('progress', { max: 100, 'aria-label': label });
  const text = h('span', { class: 'progress-text' }, 'connecting…');
  const element = h('div', { class: 'progress compact' }, bar, text);
  return {
    element,
    update(progress) {
      const total = progress.objectsInScope?.total;
      if (progress.percentComplete !== null && progress.percentComplete !== undefined) {
        bar.value = progress.percentComplete;
      } else {
        bar.removeAttribute('value');
      }
      text.textContent = total === undefined || total === null
        ? `${count(progress.objectsDone)} done, total unknown`
        : `${count(progress.objectsDone)} / ${count(total)} objects (${percent(progress)})`;
    },
  };
}

function percent(progress) {
  const p = progress.percentComplete;
  return p === null || p === undefined ? '—' : `${p >= 99.95 && p < 100 ? '99.9' : Math.floor(p * 10) / 10}%`;
}

/** The job page's full progress panel. */
export function fullProgress() {
  const history = [];
  const element = h('section', { class: 'card', 'aria-labelledby': 'progress-title' });
  const live = h('span', { class: 'live-state', id: 'live-state' }, 'connecting…');
  const body = h('div', {});
  clear(element, h('div', { class: 'card-head' }, h('h2', { id: 'progress-title' }, 'Progress'), live), body);
  return {
    element,
    state(state) {
      live.textContent = state === 'live' ? 'live (pushed by the server every second)'
        : state === 'reconnecting' ? 'reconnecting…' : 'not available';
      live.className = `live-state ${state}`;
    },
    update(progress) {
      history.push({ at: Date.now(), byAction: { ...(progress.byAction || {}) } });
      if (history.length > 300) history.shift();
      clear(body, render(progress, history));
    },
  };
}

function render(progress, history) {
  const total = progress.objectsInScope?.total;
  const bar = h('progress', { id: 'job-progress', max: 100, 'aria-labelledby': 'progress-label' });
  if (progress.percentComplete !== null && progress.percentComplete !== undefined) bar.value = progress.percentComplete;
  const source = progress.objectsInScope
    ? `Total from the source: ${count(progress.objectsInScope.users)} users and ${count(progress.objectsInScope.groups)}`
      + ` groups in scope, counted by ${progress.objectsInScope.source} at ${time(progress.objectsInScope.countedAt)}.`
      + ' It is known from the start, so the bar never reads full while work remains. Done counts objects in'
      + ' scope only: those that left scope (unassigned or deleted) are not counted.'
    : 'Total unknown: the source (assignment-service) did not count the objects in scope. The bar shows no '
      + 'percentage; events behind tell what remains.';
  return [
    quarantineNotice(progress.quarantine),
    h('p', { id: 'progress-label', class: 'progress-figure' },
      h('strong', { id: 'progress-done' }, count(progress.objectsDone)), ' of ',
      h('strong', { id: 'progress-total' }, total === null || total === undefined ? 'unknown' : count(total)),
      ' objects done — ', h('strong', { id: 'progress-percent' }, percent(progress)), ` · ${words(progress.phase)}`),
    bar,
    h('p', { class: 'muted small', id: 'progress-source' }, source),
    h('dl', { class: 'figures' },
      figure('Changes per second', rate(progress.changesPerSecond)),
      figure('Time left', progress.estimatedSecondsLeft === null || progress.estimatedSecondsLeft === undefined
        ? 'estimating' : duration(progress.estimatedSecondsLeft)),
      figure('Events behind', count(progress.eventsBehind)),
      figure('Events processed (this run)', count(progress.eventsProcessed)),
      figure('Active users / groups in target', `${count(progress.activeUsers)} / ${count(progress.activeGroups)}`),
      figure('Waiting for retry', count(progress.escrowed)),
      figure('Staged deletions', count(progress.stagedDeletions)),
      figure('Last change', time(progress.lastEventAt))),
    h('div', { class: 'two-columns' },
      actionTable('This run, by action', progress.byAction, 'run-by-action'),
      actionTable('To date, by action', progress.statistics?.byAction, 'to-date-by-action')),
    chart(history),
  ];
}

function figure(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function actionTable(caption, byAction, id) {
  const rows = Object.entries(byAction || {});
  return h('table', { class: 'compact-table', id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Action'), h('th', { scope: 'col', class: 'number' }, 'Count'))),
    h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', { colspan: 2, class: 'muted' }, 'none yet'))
      : rows.map(([action, n]) => h('tr', {}, h('td', {}, words(action)), h('td', { class: 'number' }, count(n))))));
}

const COLOURS = { CREATE: '#0a5cc2', UPDATE: '#1a7f37', DISABLE: '#9a6700', DELETE: '#b3261e', OTHER: '#6e7781' };

/** Counts by action over the last minutes, one line per action. */
function chart(history) {
  const width = 560;
  const height = 120;
  const actions = [...new Set(history.flatMap(point => Object.keys(point.byAction)))];
  const max = Math.max(1, ...history.flatMap(point => Object.values(point.byAction)));
  const x = i => history.length < 2 ? 0 : (i / (history.length - 1)) * (width - 10) + 5;
  const y = n => height - 5 - (n / max) * (height - 10);
  const lines = actions.map(action => svg('polyline', {
    fill: 'none', stroke: COLOURS[action] || '#444', 'stroke-width': 2,
    points: history.map((point, i) => `${x(i)},${y(point.byAction[action] || 0)}`).join(' '),
  }));
  const summary = actions.length === 0 ? 'No changes in this run yet.'
    : actions.map(a => `${words(a)} ${count(history.at(-1).byAction[a] || 0)}`).join(', ');
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Counts by action over time: ${summary}` },
      svg('rect', { x: 0, y: 0, width, height, fill: '#f6f8fa' }), ...lines),
    h('figcaption', {}, 'Counts by action over this page\'s last minutes: ',
      actions.map(action => h('span', { class: `legend legend-${action.toLowerCase()}` }, words(action))),
      actions.length === 0 ? 'none yet' : ''));
}
