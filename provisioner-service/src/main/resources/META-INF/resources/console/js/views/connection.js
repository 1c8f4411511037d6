// The job's connection: tenant URL, the write-only secret token, Test connection with its outcome explained.
import { api, post } from '../api.js';
import { clear, field, h } from '../dom.js';
import { adminOnly, busy, errorBox, toast } from '../ui.js';

export function renderConnection(content, job, context, reload) {
  const tenantUrl = h('input', { id: 'tenant-url', type: 'url', value: job.tenantUrl, required: true });
  const token = h('input', { id: 'secret-token', type: 'password', autocomplete: 'off',
    placeholder: job.secretTokenSet ? 'set (leave empty to keep it)' : 'not set' });
  const insecure = h('input', { id: 'allow-insecure', type: 'checkbox', checked: job.allowInsecureHttp });
  const email = h('input', { id: 'notification-email', type: 'email', value: job.notificationEmail || '' });
  const outcome = h('div', { id: 'connection-outcome', 'aria-live': 'polite' });
  const errors = h('div', {});
  const save = adminOnly(h('button', { type: 'submit', class: 'primary', id: 'save-connection' }, 'Save'));
  const test = adminOnly(h('button', { type: 'button', class: 'secondary', id: 'test-connection',
    onclick: event => busy(event.target, async () => {
      clear(outcome, h('p', { class: 'muted' }, 'Testing the stored tenant URL and token…'));
      const result = await post(`/api/v1/jobs/${job.id}/test-connection`);
      clear(outcome, connectionResult(result));
    }) }, 'Test connection'));
  [tenantUrl, token, insecure, email].forEach(adminOnly);
  const form = h('form', { class: 'card form', id: 'connection-form', onsubmit: async event => {
    event.preventDefault();
    clear(errors);
    const body = { name: job.name, applicationId: job.applicationId, profile: job.profile,
      tenantUrl: tenantUrl.value.trim(), allowInsecureHttp: insecure.checked, notificationEmail: email.value.trim() };
    if (token.value) body.secretToken = token.value;
    await busy(save, async () => {
      try {
        await api('PUT', `/api/v1/jobs/${job.id}`, body, { headers: { 'If-Match': `"${job.version}"` } });
        toast('Connection saved. Test it with Test connection.', 'success');
        reload();
      } catch (error) {
        clear(errors, errorBox(error));
      }
    });
  } },
  h('h2', {}, 'Connection'),
  field('Tenant URL', tenantUrl, 'The SCIM 2.0 base URL of the target'),
  field('Secret token', token, 'Write-only: never shown; type a new one to replace it'),
  h('div', { class: 'field checkbox' }, insecure, h('label', { for: 'allow-insecure' }, 'Allow plain http')),
  field('Notification email', email, 'Who is told when the job is quarantined'),
  errors,
  h('div', { class: 'actions' }, test, save),
  h('p', { class: 'muted small' }, 'Test connection tries what is saved: save a change first.'),
  outcome);
  clear(content, form);
}

function connectionResult(result) {
  return h('div', { class: `alert ${result.success ? 'success' : 'error'}`, role: 'status', id: 'connection-result' },
    h('strong', {}, result.success ? 'Connection works. ' : `Connection failed (${result.outcome}). `),
    result.message || '',
    h('ul', { class: 'plain checks' }, (result.checks || []).map(check => h('li', {},
      check.passed ? '✓ ' : '✗ ', h('code', {}, check.request), ` → ${check.status || 'no answer'}: ${check.detail}`))));
}
