package io.scimitar.assignment.group;

import java.util.HashMap;
import java.util.Map;

/** Builds group requests for unit tests. */
public final class GroupRequests {

    private GroupRequests() {
    }

    public static GroupRequest of(String id, String displayName, String mailNickname, String description,
            Boolean securityEnabled) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("displayName", displayName);
        attributes.put("mailNickname", mailNickname);
        attributes.put("description", description);
        attributes.put("securityEnabled", securityEnabled);
        return GroupRequest.of(id, attributes);
    }
}
