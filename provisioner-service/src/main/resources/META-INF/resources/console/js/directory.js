// The directory (assignment-service) through the provisioner's pass-through, with the signed-in key; a directory
// user or group presented under the attribute names Entra's mappings use (as the provisioner's SourceObjects does).
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
 * A directory user as the expression builder's sample: Entra's attribute names, and the app roles the user holds
 * directly in the application (roles through a group are not looked up).
 */
export async function sampleUser(directoryUser, applicationId) {
  const u = directoryUser;
  const phones = u.businessPhones || [];
  const attributes = {
    objectId: u.id, userPrincipalName: u.userPrincipalName, mail: u.mail, mailNickname: u.mailNickname,
    givenName: u.givenName, surname: u.surname, displayName: u.displayName, jobTitle: u.jobTitle,
    department: u.department, companyName: u.companyName, employeeId: u.employeeId, employeeType: u.employeeType,
    physicalDeliveryOfficeName: u.officeLocation, officeLocation: u.officeLocation, city: u.city, country: u.country,
    usageLocation: u.usageLocation, mobile: u.mobilePhone, telephoneNumber: phones.length ? phones[0] : null,
    businessPhones: phones.length ? phones : null, preferredLanguage: u.preferredLanguage,
    accountEnabled: u.accountEnabled !== false, manager: u.managerId, IsSoftDeleted: Boolean(u.deletedDateTime),
    ...(u.extensionAttributes || {}),
  };
  for (const key of Object.keys(attributes)) if (attributes[key] === undefined) attributes[key] = null;
  return { attributes, appRoleAssignments: await directRoles(applicationId, u.id) };
}

async function directRoles(applicationId, principalId) {
  if (!applicationId) return [];
  try {
    const [app, page] = await Promise.all([application(applicationId),
      assignments(applicationId, null, principalId, 100)]);
    const roles = new Map((app.appRoles || []).map(role => [role.id, role]));
    return page.items.map(a => roles.get(a.appRoleId)).filter(Boolean)
      .map(role => ({ appRoleId: role.id, value: role.value, displayName: role.displayName, principalId: null,
        principalType: 'User' }));
  } catch {
    return [];
  }
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
