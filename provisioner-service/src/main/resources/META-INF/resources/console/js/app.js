// The console's shell: sign-in, who is signed in, and the hash routes of the pages.
import { apiKey, forgetKey, get, oidcSignIn } from './api.js';
import { clear, h } from './dom.js';
import { setSession } from './ui.js';
import { renderSignIn } from './views/signin.js';
import { renderOverview } from './views/overview.js';
import { renderNewJob } from './views/newjob.js';
import { renderJob } from './views/job.js';
import { renderDirectory } from './views/directory.js';

const main = () => document.getElementById('main');
let cleanups = [];
let generation = 0;

const routes = [
  [/^#\/?$/, () => renderOverview],
  [/^#\/jobs\/new$/, () => renderNewJob],
  [/^#\/directory(?:\/(users|groups))?$/, () => renderDirectory],
  [/^#\/jobs\/([0-9a-f-]{36})(?:\/([a-z-]+))?(?:\/([a-z-]+))?$/, () => renderJob],
];

async function route() {
  const hash = location.hash || '#/';
  if (!hash.startsWith('#/')) return;
  cleanups.forEach(stop => stop());
  cleanups = [];
  const mine = ++generation;
  const context = { onLeave: stop => cleanups.push(stop), params: [], reload: route };
  const oidc = await oidcSignIn();
  if (mine !== generation) return;
  if (!apiKey() && !oidc.offered) {
    showSignIn(oidc);
    return;
  }
  let session;
  try {
    // without a key, the session of a sign-in with the identity provider, if there is one
    session = await get('/api/v1/session', { keepKeyOn401: !apiKey() });
  } catch (error) {
    if (mine !== generation) return;
    const hadKey = Boolean(apiKey());
    forgetKey();
    showSignIn(oidc, hadKey || (error.status !== 401 && error.status !== 499) ? error.message : undefined);
    return;
  }
  if (mine !== generation) return;
  setSession(session);
  showWho(session);
  showNavigation(hash);
  for (const [pattern, view] of routes) {
    const match = hash.match(pattern);
    if (match) {
      context.params = match.slice(1);
      await view()(main(), context, session);
      return;
    }
  }
  clear(main(), h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the overview')));
}

function showSignIn(oidc, message) {
  showWho(null);
  document.getElementById('site-nav').hidden = true;
  renderSignIn(main(), route, message, oidc);
}

function showNavigation(hash) {
  const section = hash.startsWith('#/directory') ? 'directory' : 'jobs';
  for (const [key, link] of [['jobs', 'nav-jobs'], ['directory', 'nav-directory']]) {
    const element = document.getElementById(link);
    if (key === section) element.setAttribute('aria-current', 'page'); else element.removeAttribute('aria-current');
  }
  document.getElementById('site-nav').hidden = false;
}

function showWho(session) {
  const who = document.getElementById('who');
  if (!session) {
    clear(who);
    return;
  }
  const role = session.canChange ? 'admin' : 'reader';
  clear(who,
    h('span', { class: `role-badge ${role}`, id: 'session-role' }, role === 'admin' ? 'Admin' : 'Reader (read only)'),
    h('span', { class: 'who-name', id: 'session-name' }, session.name),
    h('button', { class: 'secondary', id: 'sign-out', onclick: () => signOut(session) }, 'Sign out'));
}

function signOut(session) {
  forgetKey();
  setSession(null);
  if (session.signOutPath) {
    // ends the session here and at the identity provider, which sends the browser back to the console
    location.assign(session.signOutPath);
    return;
  }
  location.hash = '#/';
  route();
}

window.addEventListener('hashchange', route);
window.addEventListener('scimitar:signed-out', () => route());
document.getElementById('skip-link').addEventListener('click', event => {
  event.preventDefault();
  main().focus();
});
route();
