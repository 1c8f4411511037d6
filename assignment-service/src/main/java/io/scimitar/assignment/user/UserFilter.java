package io.scimitar.assignment.user;

/** The filters of the user list: all optional, combined with AND; {@code deleted} lists soft-deleted users. */
public record UserFilter(String userPrincipalName, String displayNameStartsWith, String department,
        Boolean accountEnabled, boolean deleted) {
}
