package io.scimitar.assignment.group;

/** Adds a direct member (a user or a group) to a group. */
public record MemberRequest(String id) {
}
