// A new job: the application, the target's tenant URL and secret token; created off (started from its page).
import { post } from '../api.js';
import { clear, field, h, select } from '../dom.js';
import { canChange, errorBox, toast } from '../ui.js';

export function renderNewJob(main) {
  if (!canChange()) {
    clear(main, h('h1', {}, 'New job'), h('p', {}, 'Your key is a reader key: only an admin can create a job.'));
    return;
  }
  const name = h('input', { id: 'job-name', required: true, maxlength: 200 });
  const application = h('input', { id: 'job-application', required: true, spellcheck: 'false' });
  const profile = select([['MIRO', 'Miro'], ['GENERIC_SCIM', 'Generic SCIM 2.0']], 'MIRO', { id: 'job-profile' });
  const tenantUrl = h('input', { id: 'job-tenant-url', type: 'url', required: true,
    placeholder: 'https://miro.com/api/v1/scim' });
  const token = h('input', { id: 'job-secret-token', type: 'password', autocomplete: 'off', required: true });
  const insecure = h('input', { id: 'job-insecure', type: 'checkbox' });
  const errors = h('div', {});
  const form = h('form', { class: 'card form', id: 'new-job-form', onsubmit: async event => {
    event.preventDefault();
    clear(errors);
    const create = document.getElementById('create-job');
    create.disabled = true;
    try {
      const job = await post('/api/v1/jobs', { name: name.value, applicationId: application.value.trim(),
        profile: profile.value, tenantUrl: tenantUrl.value.trim(), secretToken: token.value,
        allowInsecureHttp: insecure.checked });
      toast(`Job ${job.name} created. It is off: test the connection, then start it.`, 'success');
      location.hash = `#/jobs/${job.id}/connection`;
    } catch (error) {
      clear(errors, errorBox(error));
    } finally {
      create.disabled = false;
    }
  } },
  field('Name', name),
  field('Application id (in the directory)', application, 'The id of the enterprise application whose assigned '
    + 'users and groups this job provisions'),
  field('Connector profile', profile),
  field('Tenant URL', tenantUrl, 'The SCIM 2.0 base URL of the target'),
  field('Secret token', token, 'Write-only: it is stored encrypted and never shown again'),
  h('div', { class: 'field checkbox' }, insecure, h('label', { for: 'job-insecure' },
    'Allow plain http (only for a target on this machine or a test)')),
  errors,
  h('div', { class: 'actions' }, h('a', { href: '#/' }, 'Cancel'),
    h('button', { type: 'submit', class: 'primary', id: 'create-job' }, 'Create job')));
  clear(main, h('h1', {}, 'New job'), form);
  name.focus();
}
