package io.scimitar.assignment.group;

import io.scimitar.events.MemberRef;

/** A direct member of a group. */
public record MemberResponse(String id, MemberRef.MemberType type) {
}
