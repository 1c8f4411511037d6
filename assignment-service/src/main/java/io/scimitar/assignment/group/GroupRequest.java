package io.scimitar.assignment.group;

/** The writable attributes of a group: a create body, the result of a merge patch, or one import row. */
public record GroupRequest(String id, String displayName, String mailNickname, String description,
        Boolean securityEnabled) {
}
