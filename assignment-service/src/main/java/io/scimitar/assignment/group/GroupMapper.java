package io.scimitar.assignment.group;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Converts groups between the stored form, the wire records and the event snapshot, attribute by attribute of the list. */
public final class GroupMapper {

    private GroupMapper() {
    }

    public static GroupResponse toResponse(Group g) {
        return new GroupResponse(g.id(), g.attributes(), g.createdDateTime(), g.modifiedDateTime(),
                g.deletedDateTime(), g.rowVersion());
    }

    public static GroupRequest toRequest(Group g) {
        return new GroupRequest(g.id().toString(), g.attributes());
    }

    /** A validated request as a group. */
    public static Group fromRequest(UUID id, GroupRequest r, Instant created, Instant modified, Instant deleted,
            long rowVersion) {
        return new Group(id, GroupAttributes.ALL.stored(r.attributes()), created, modified, deleted, rowVersion);
    }

    /**
     * The fields of the group's event snapshot ({@code GroupSnapshot} and any attribute the list has beyond it): the
     * id, the attributes in the list's order, and the times.
     */
    public static Map<String, Object> toSnapshot(Group g) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", g.id().toString());
        snapshot.putAll(g.attributes().asMap());
        snapshot.put("createdDateTime", g.createdDateTime());
        snapshot.put("modifiedDateTime", g.modifiedDateTime());
        snapshot.put("deletedDateTime", g.deletedDateTime());
        return snapshot;
    }
}
