package io.scimitar.mock.team;

/** Which Miro object a stored group is: a team (legacy SCIM Group) or a user group (new SCIM Group model). */
public enum GroupKind { TEAM, USER_GROUP }
