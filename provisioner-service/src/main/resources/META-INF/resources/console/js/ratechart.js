// A job's historical rate: objects processed per minute by action, counted from its provisioning log by the server
// (GET /jobs/{id}/activity), read once and again each minute, not polled every second.
import { get } from './api.js';
import { clear, field, h, select, svg } from './dom.js';
import { count, words } from './format.js';
import { errorBox } from './ui.js';

const WINDOWS = [['60', 'Last hour'], ['360', 'Last 6 hours'], ['1440', 'Last 24 hours'], ['10080', 'Last 7 days']];
const ORDER = ['CREATE', 'UPDATE', 'DISABLE', 'DELETE', 'STAGED_DELETE', 'OTHER'];
const COLOURS = { CREATE: '#0a5cc2', UPDATE: '#1a7f37', DISABLE: '#9a6700', DELETE: '#b3261e', STAGED_DELETE: '#8250df',
  OTHER: '#6e7781' };

export function rateChart(job, context) {
  const windowSelect = select(WINDOWS, '60', { id: 'rate-window' });
  const body = h('div', { id: 'rate-chart' }, h('p', { class: 'muted' }, 'Loading…'));
  const element = h('section', { class: 'card', 'aria-labelledby': 'rate-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'rate-title' }, 'Objects per minute (from the provisioning log)'),
      field('Period', windowSelect)),
    body);
  const load = async () => {
    try {
      const activity = await get(`/api/v1/jobs/${job.id}/activity?minutes=${windowSelect.value}`);
      clear(body, render(activity, WINDOWS.find(([value]) => value === windowSelect.value)[1].toLowerCase()));
    } catch (error) {
      clear(body, errorBox(error));
    }
  };
  windowSelect.addEventListener('change', load);
  const timer = setInterval(load, 60_000);
  context.onLeave(() => clearInterval(timer));
  load();
  return { element };
}

function render(activity, period) {
  const width = 720;
  const height = 160;
  const buckets = activity.buckets;
  const max = Math.max(1, ...buckets.map(b => b.perMinute));
  const slot = (width - 40) / Math.max(1, buckets.length);
  const y = value => height - 20 - (value / max) * (height - 30);
  const bars = [];
  buckets.forEach((bucket, i) => {
    let base = 0;
    for (const action of ORDER) {
      const n = bucket.byAction[action];
      if (!n) continue;
      const perMinute = n * 60 / activity.bucketSeconds;
      bars.push(svg('rect', { x: 35 + i * slot, y: y(base + perMinute), width: Math.max(1, slot - 1),
        height: Math.max(0.5, y(base) - y(base + perMinute)), fill: COLOURS[action] || '#444' }));
      base += perMinute;
    }
  });
  const peak = buckets.reduce((best, b) => (b.perMinute > (best?.perMinute ?? -1) ? b : best), null);
  const actions = ORDER.filter(action => buckets.some(b => b.byAction[action]));
  const clock = instant => new Date(instant).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  const summary = activity.total === 0 ? `No object processed in the ${period}.`
    : `${count(activity.total)} objects processed in the ${period}; peak ${formatRate(peak.perMinute)} per minute `
      + `at ${clock(peak.start)}; latest ${formatRate(buckets.at(-1).perMinute)} per minute.`;
  return [
    h('p', { id: 'rate-summary' }, summary),
    h('figure', { class: 'chart' },
      svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Objects per minute: ${summary}` },
        svg('rect', { x: 0, y: 0, width, height, fill: '#f6f8fa' }),
        svg('line', { x1: 35, y1: height - 20, x2: width - 5, y2: height - 20, stroke: '#57606a' }),
        svg('text', { x: 2, y: 14, 'font-size': 11, fill: '#57606a' }, document.createTextNode(formatRate(max))),
        svg('text', { x: 2, y: height - 22, 'font-size': 11, fill: '#57606a' }, document.createTextNode('0')),
        svg('text', { x: 35, y: height - 5, 'font-size': 11, fill: '#57606a' },
          document.createTextNode(clock(activity.from))),
        svg('text', { x: width - 45, y: height - 5, 'font-size': 11, fill: '#57606a' },
          document.createTextNode(clock(activity.to))),
        ...bars),
      h('figcaption', {}, `Per ${activity.bucketSeconds === 60 ? 'minute' : `${activity.bucketSeconds / 60} minutes`}`
        + ', stacked by action: ', actions.length === 0 ? 'none' : actions.map(action =>
        h('span', { class: `legend legend-${action.toLowerCase().replace('_', '-')}` }, words(action))))),
  ];
}

function formatRate(value) {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
