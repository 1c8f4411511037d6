package io.scimitar.assignment.user;

import io.scimitar.assignment.attribute.AttributeValues;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Converts users between the stored form, the wire records and the event snapshot, attribute by attribute of the list. */
public final class UserMapper {

    private UserMapper() {
    }

    public static UserResponse toResponse(User u) {
        return new UserResponse(u.id(), u.attributes(), u.createdDateTime(), u.modifiedDateTime(),
                u.deletedDateTime(), u.rowVersion());
    }

    public static UserRequest toRequest(User u) {
        return new UserRequest(u.id().toString(), u.attributes());
    }

    /** A validated request as a user; times and version are filled in by the repository. */
    public static User fromRequest(UUID id, UserRequest r, Instant created, Instant modified, Instant deleted,
            long rowVersion) {
        AttributeValues values = UserAttributes.ALL.stored(r.attributes());
        values = values.with("userPrincipalName", r.userPrincipalName().trim());
        String manager = values.text("managerId");
        if (manager != null) {
            values = values.with("managerId", UUID.fromString(manager).toString());
        }
        return new User(id, values, created, modified, deleted, rowVersion);
    }

    /**
     * The fields of the user's event snapshot ({@code UserSnapshot} and any attribute the list has beyond it): the
     * id, the attributes in the list's order, and the times.
     */
    public static Map<String, Object> toSnapshot(User u) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("id", u.id().toString());
        snapshot.putAll(u.attributes().asMap());
        snapshot.put("createdDateTime", u.createdDateTime());
        snapshot.put("modifiedDateTime", u.modifiedDateTime());
        snapshot.put("deletedDateTime", u.deletedDateTime());
        return snapshot;
    }
}
