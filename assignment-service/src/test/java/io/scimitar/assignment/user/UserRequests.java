package io.scimitar.assignment.user;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds user requests for unit tests from values given in the order of {@link UserAttributes#ALL}. */
public final class UserRequests {

    private UserRequests() {
    }

    /** A request with {@code id} and the first {@code values.length} attributes of the list, in its order. */
    public static UserRequest inOrder(String id, Object... values) {
        List<String> names = UserAttributes.ALL.names();
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            attributes.put(names.get(i), values[i]);
        }
        return UserRequest.of(id, attributes);
    }
}
