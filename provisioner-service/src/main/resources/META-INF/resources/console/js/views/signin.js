// Sign-in: with the identity provider (OIDC) when the provisioner offers it, or an API key pasted once, kept for this
// browser session only.
import { rememberKey, forgetKey, get } from '../api.js';
import { clear, field, h } from '../dom.js';

export function renderSignIn(main, onSignedIn, message, oidc = { offered: false }) {
  const key = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', spellcheck: 'false',
    required: true, minlength: 32 });
  const error = h('div', { id: 'sign-in-error', role: 'alert', class: message ? 'alert error' : '' }, message || '');
  const form = h('form', { class: 'card sign-in', id: 'sign-in-form', onsubmit: async event => {
    event.preventDefault();
    rememberKey(key.value.trim());
    try {
      await get('/api/v1/session', { keepKeyOn401: true });
      onSignedIn();
    } catch (failure) {
      forgetKey();
      error.className = 'alert error';
      error.textContent = failure.status === 401
        ? 'This key is not accepted by the provisioner. Check that you pasted the whole key.'
        : failure.message;
      key.focus();
    }
  } },
  h('h1', {}, 'Sign in'),
  oidc.offered ? [
    h('p', {}, `Sign in with your account at ${oidc.provider}. Its administrators can change everything; its `
      + 'readers can see everything and change nothing.'),
    h('p', {}, h('a', { class: 'button primary', id: 'sign-in-oidc', href: oidc.signInPath },
      `Sign in with ${oidc.provider}`)),
    h('h2', {}, 'Or with an API key'),
  ] : null,
  h('p', {}, 'Paste an API key of the provisioner. An admin key can change everything; a reader key can see '
    + 'everything and change nothing. The key stays in this browser tab until you sign out or close it.'),
  field('API key', key, './scimitar run keeps its admin key in .scimitar/api-key'),
  error,
  h('button', { type: 'submit', class: oidc.offered ? 'secondary' : 'primary', id: 'sign-in' },
    oidc.offered ? 'Sign in with the key' : 'Sign in'));
  clear(main, form);
  (oidc.offered ? form.querySelector('#sign-in-oidc') : key).focus();
}
