// The directory (assignment-service) through the provisioner's pass-through, with the signed-in key or session; a
// directory user as the provisioner's pipeline sees it, a group under the attribute names Entra's mappings use.
import { del, get, post } from './api.js';

const BASE = '/api/v1/directory';

function query(parameters) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A page of users: text with an @ is a user principal name, anything else the start of a display name. */
export function users(text = '', after = null, limit = 20) {
  const search = text.trim();
  return get(`${BASE}/users${query({ limit, after,
    userPrincipalName: search.includes('@') ? search : null,
    displayNameStartsWith: search.includes('@') ? null : search })}`);
}

export function groups(text = '', after = null, limit = 20) {
  return get(`${BASE}/groups${query({ limit, after, displayNameStartsWith: text.trim() })}`);
}

export const user = id => get(`${BASE}/users/${encodeURIComponent(id)}`);
export const group = id => get(`${BASE}/groups/${encodeURIComponent(id)}`);
export const application = id => get(`${BASE}/applications/${encodeURIComponent(id)}`);

export function assignments(applicationId, after = null, principalId = null, limit = 25) {
  return get(`${BASE}/applications/${encodeURIComponent(applicationId)}/appRoleAssignments${query({ limit, after,
    principalId })}`);
}

export function assign(applicationId, principalId, appRoleId) {
  return post(`${BASE}/applications/${encodeURIComponent(applicationId)}/appRoleAssignments`,
    appRoleId ? { principalId, appRoleId } : { principalId });
}

export function unassign(applicationId, assignmentId) {
  return del(`${BASE}/applications/${encodeURIComponent(applicationId)}/appRoleAssignments/`
    + encodeURIComponent(assignmentId));
}

/** The name a person reads for a user or a group. */
export function nameOf(object) {
  return object.displayName || object.userPrincipalName || object.id;
}

/**
 * A directory user as the expression builder's sample: the user as the application's pipeline sees it, converted by
 * the provisioner (attributes under Entra's names, every app role held directly or through a group).
 */
export async function sampleUser(directoryUser, applicationId) {
  const sample = await get(`${BASE}/applications/${encodeURIComponent(applicationId)}/users/`
    + `${encodeURIComponent(directoryUser.id)}/source-object`);
  return { attributes: sample.attributes, appRoleAssignments: sample.appRoleAssignments };
}

/** A directory group as the expression builder's sample, under Entra's attribute names. */
export function sampleGroup(g) {
  return { attributes: { objectId: g.id, displayName: g.displayName ?? null, mailNickname: g.mailNickname ?? null,
    description: g.description ?? null, securityEnabled: g.securityEnabled !== false,
    IsSoftDeleted: Boolean(g.deletedDateTime) }, appRoleAssignments: [] };
}

/** The source attributes a scoping clause or an expression can name, for suggestions. */
export const USER_ATTRIBUTES = ['objectId', 'userPrincipalName', 'mail', 'mailNickname', 'givenName', 'surname',
  'displayName', 'jobTitle', 'department', 'companyName', 'employeeId', 'employeeType', 'physicalDeliveryOfficeName',
  'officeLocation', 'city', 'country', 'usageLocation', 'mobile', 'telephoneNumber', 'preferredLanguage',
  'accountEnabled', 'manager', 'IsSoftDeleted'];
export const GROUP_ATTRIBUTES = ['objectId', 'displayName', 'mailNickname', 'description', 'securityEnabled',
  'IsSoftDeleted'];
