package io.scimitar.assignment.importing;

/** One membership import row: add (default) or remove {@code memberId} in {@code groupId}. */
public record MembershipRow(String groupId, String memberId, String action) {
}
