// A job's page: its state and actions (start, pause, restart with confirmation) and its tabs.
import { get, post } from '../api.js';
import { clear, h } from '../dom.js';
import { fullProgress } from '../progress.js';
import { streamJson } from '../stream.js';
import { adminOnly, busy, confirmAction, errorBox, toast } from '../ui.js';
import { stateBadge } from './overview.js';
import { renderConnection } from './connection.js';
import { renderMappings } from './mappings.js';
import { renderLogs } from './logs.js';
import { renderDeletions } from './deletions.js';
import { renderOnDemand } from './ondemand.js';
import { renderAssignments } from './assignments.js';
import { renderScoping } from './scoping.js';
import { restartOptions } from './restart.js';
import { rateChart } from '../ratechart.js';

const TABS = [
  ['progress', 'Progress'],
  ['connection', 'Connection'],
  ['users-and-groups', 'Users and groups'],
  ['mappings', 'Attribute mappings'],
  ['scoping', 'Scoping filters'],
  ['logs', 'Provisioning logs'],
  ['deletions', 'Staged deletions'],
  ['on-demand', 'Provision on demand'],
];

export async function renderJob(main, context) {
  const [id, tab = 'progress'] = context.params;
  let job;
  try {
    job = await get(`/api/v1/jobs/${id}`);
  } catch (error) {
    clear(main, h('h1', {}, 'Job'), errorBox(error), h('a', { href: '#/' }, 'Back to the overview'));
    return;
  }
  const content = h('div', { id: 'tab-content' });
  const reload = () => context.reload();
  clear(main,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Jobs'), ' / ', job.name),
    h('div', { class: 'page-head' },
      h('h1', { id: 'job-title' }, job.name, ' ', h('span', { id: 'job-state' }, stateBadge(job))),
      h('div', { class: 'actions' }, actions(job, reload))),
    h('nav', { class: 'tabs', 'aria-label': 'Job sections' }, TABS.map(([key, label]) =>
      h('a', { href: `#/jobs/${id}/${key}`, id: `tab-${key}`, 'aria-current': key === tab ? 'page' : false }, label))),
    content);
  const views = { progress: renderProgress, connection: renderConnection, mappings: renderMappings,
    logs: renderLogs, deletions: renderDeletions, 'on-demand': renderOnDemand,
    'users-and-groups': renderAssignments, scoping: renderScoping };
  await (views[tab] || renderProgress)(content, job, context, reload);
}

function actions(job, reload) {
  const toggle = job.status === 'ON'
    ? h('button', { class: 'secondary', id: 'pause-job', onclick: async event => {
      if (await confirmAction('Pause provisioning?', `${job.name} stops sending changes to the target. Changes keep `
        + 'arriving and wait; they are applied when you resume.', 'Pause')) {
        await busy(event.target, () => post(`/api/v1/jobs/${job.id}/pause`).then(() => {
          toast('Provisioning paused.', 'success');
          reload();
        }));
      }
    } }, 'Pause')
    : h('button', { class: 'primary', id: 'start-job', onclick: async event => {
      if (await confirmAction('Start provisioning?', `${job.name} applies every change waiting and keeps the target `
        + 'in step from now on.', 'Start')) {
        await busy(event.target, () => post(`/api/v1/jobs/${job.id}/start`).then(() => {
          toast('Provisioning started.', 'success');
          reload();
        }));
      }
    } }, job.status === 'OFF' ? 'Start' : 'Resume');
  const restart = h('button', { class: 'secondary', id: 'restart-job', onclick: async event => {
    const options = await restartOptions(job);
    if (options) {
      await busy(event.target, () => post(`/api/v1/jobs/${job.id}/restart`, options).then(() => {
        toast(options.from ? 'Restarted: the history is replayed from the time you chose.'
          : 'Restarted: the whole history is replayed.', 'success');
        reload();
      }));
    }
  } }, 'Restart…');
  return [adminOnly(toggle), adminOnly(restart)];
}

async function renderProgress(content, job, context) {
  const panel = fullProgress();
  const rates = rateChart(job, context);
  const errors = h('section', { class: 'card', 'aria-labelledby': 'errors-title' },
    h('h2', { id: 'errors-title' }, 'Last errors'), h('p', { class: 'muted' }, 'Loading…'));
  clear(content, panel.element, rates.element, errors);
  context.onLeave(streamJson(`/api/v1/jobs/${job.id}/progress/stream`, panel.update, panel.state));
  try {
    const page = await get(`/api/v1/jobs/${job.id}/logs?status=FAILURE&limit=5`);
    clear(errors, h('h2', { id: 'errors-title' }, 'Last errors'), page.entries.length === 0
      ? h('p', { class: 'muted' }, 'No failure logged.')
      : h('ul', { class: 'plain' }, page.entries.map(entry => h('li', {},
        h('a', { href: `#/jobs/${job.id}/logs` }, entry.sourceDisplay || entry.sourceId), ': ',
        entry.errorCode || '', ' ', entry.errorReason || ''))));
  } catch (error) {
    clear(errors, errorBox(error));
  }
}

