package io.scimitar.mock.team;

/** A member's role in a Miro team; the last ADMIN of a team cannot be removed. */
public enum TeamRole { MEMBER, ADMIN }
