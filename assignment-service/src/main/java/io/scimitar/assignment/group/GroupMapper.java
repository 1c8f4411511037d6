package io.scimitar.assignment.group;

import io.scimitar.events.GroupSnapshot;

/** Converts groups between the stored form, the wire records and the event snapshot. */
public final class GroupMapper {

    private GroupMapper() {
    }

    public static GroupResponse toResponse(Group g) {
        return new GroupResponse(g.id(), g.displayName(), g.mailNickname(), g.description(), g.securityEnabled(),
                g.createdDateTime(), g.modifiedDateTime(), g.deletedDateTime(), g.rowVersion());
    }

    public static GroupRequest toRequest(Group g) {
        return new GroupRequest(g.id().toString(), g.displayName(), g.mailNickname(), g.description(),
                g.securityEnabled());
    }

    public static GroupSnapshot toSnapshot(Group g) {
        return new GroupSnapshot(g.id().toString(), g.displayName(), g.mailNickname(), g.description(),
                g.securityEnabled(), g.createdDateTime(), g.modifiedDateTime(), g.deletedDateTime());
    }
}
