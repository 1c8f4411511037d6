// The overview: every job with its state and live progress.
import { get } from '../api.js';
import { clear, h } from '../dom.js';
import { words } from '../format.js';
import { compactProgress, quarantineNotice } from '../progress.js';
import { streamJson } from '../stream.js';
import { adminOnly, errorBox } from '../ui.js';

/** More jobs than this on the overview get their progress on their own page only. */
const LIVE_ROWS = 20;

export async function renderOverview(main, context) {
  const newJob = adminOnly(h('button', { class: 'primary', id: 'new-job', onclick: () => { location.hash = '#/jobs/new'; } },
    'New job'));
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading jobs…'));
  clear(main, h('div', { class: 'page-head' }, h('h1', {}, 'Provisioning jobs'), newJob), list);
  let jobs;
  try {
    jobs = await get('/api/v1/jobs');
  } catch (error) {
    clear(list, errorBox(error));
    return;
  }
  if (jobs.length === 0) {
    clear(list, h('p', {}, 'No job yet. An admin creates one with New job.'));
    return;
  }
  const rows = jobs.map((job, index) => {
    const progress = compactProgress(`Progress of ${job.name}`);
    const state = h('td', { class: 'state' }, stateBadge(job));
    const notice = h('div', {});
    if (index < LIVE_ROWS) {
      context.onLeave(streamJson(`/api/v1/jobs/${job.id}/progress/stream`, update => {
        progress.update(update);
        clear(state, stateBadge(job, update.quarantine));
        clear(notice, quarantineNotice(update.quarantine));
      }));
    }
    return h('tr', { 'data-job': job.id },
      h('th', { scope: 'row' }, h('a', { href: `#/jobs/${job.id}` }, job.name)),
      h('td', {}, words(job.profile)),
      state,
      h('td', { class: 'wide' }, progress.element, notice));
  });
  clear(list, h('table', { class: 'data-table', id: 'jobs' },
    h('caption', { class: 'visually-hidden' }, 'Jobs'),
    h('thead', {}, h('tr', {}, ['Job', 'Profile', 'State', 'Progress (total from the source)']
      .map(title => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows)));
}

export function stateBadge(job, quarantine) {
  if (job.applicationDeleted) return h('span', { class: 'badge danger' }, 'Application deleted');
  if (quarantine) return h('span', { class: 'badge warning' }, 'Quarantined');
  return job.status === 'ON' ? h('span', { class: 'badge success' }, 'On')
    : h('span', { class: 'badge neutral' }, 'Paused (off)');
}
