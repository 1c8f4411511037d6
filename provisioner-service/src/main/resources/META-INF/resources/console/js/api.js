// Calls the provisioner's JSON API with the key pasted at sign-in (kept in sessionStorage: this tab, this session),
// or with the session cookie of a sign-in with the identity provider (OIDC), which the page never sees.

const KEY = 'scimitar.console.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function rememberKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** An answer other than 2xx: its status and the problem+json body's detail and field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    const fields = (problem?.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    super([problem?.detail || problem?.title || `The service answered ${status}`, fields].filter(Boolean).join(' — '));
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Every request says it comes from the console's script: the API refuses a change carried by an OIDC session cookie
 * without it (another site's page cannot send it), and Quarkus answers 499 rather than redirect when a session ended.
 */
export function headers(extra = {}) {
  const key = apiKey();
  return { 'X-Requested-With': 'JavaScript', ...(key ? { 'X-API-Key': key } : {}), ...extra };
}

/** Whether the console offers sign-in with the identity provider: {offered, provider, signInPath}. */
let signInOptions = null;
export async function oidcSignIn() {
  if (!signInOptions) {
    try {
      const response = await fetch('/console/oidc', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      signInOptions = response.ok ? await response.json() : { offered: false };
    } catch {
      return { offered: false };
    }
  }
  return signInOptions;
}

/** A JSON call; resolves to the parsed body (null for 204), or the Response itself for other content types. */
export async function api(method, path, body, options = {}) {
  const request = { method, headers: headers({ Accept: options.accept || 'application/json', ...options.headers }),
    cache: 'no-store' };
  if (body !== undefined) {
    request.headers['Content-Type'] = 'application/json';
    request.body = JSON.stringify(body);
  }
  const response = await fetch(path, request);
  if ((response.status === 401 || response.status === 499) && !options.keepKeyOn401) {
    forgetKey();
    window.dispatchEvent(new Event('scimitar:signed-out'));
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { problem = null; }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body, options);
export const put = (path, body, options) => api('PUT', path, body, options);
export const del = (path, options) => api('DELETE', path, undefined, options);
