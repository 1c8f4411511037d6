package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.error.ScimException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * In-memory, thread-safe store of users as canonical SCIM documents, with a case-insensitive userName index.
 * Stored documents are never mutated: an update replaces the document atomically under the map's per-key lock.
 */
@Singleton
public class UserRepository {

    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final Map<String, String> idsByUserName = new ConcurrentHashMap<>();

    public ObjectNode get(String id) {
        return users.get(id);
    }

    public String idByUserName(String userName) {
        return idsByUserName.get(indexKey(userName));
    }

    /** Stores a new user; {@code duplicate} builds the error when the userName is taken. */
    public void insert(ObjectNode user, Function<String, ScimException> duplicate) {
        String id = user.get("id").asText();
        String userName = user.get("userName").asText();
        if (idsByUserName.putIfAbsent(indexKey(userName), id) != null) {
            throw duplicate.apply(userName);
        }
        users.put(id, user);
    }

    /** Replaces a user with the result of {@code change}, keeping the userName index consistent; 404 when absent. */
    public ObjectNode update(String id, UnaryOperator<ObjectNode> change, Function<String, ScimException> duplicate) {
        ObjectNode updated = users.computeIfPresent(id, (key, current) -> {
            ObjectNode next = change.apply(current);
            String oldName = indexKey(current.get("userName").asText());
            String newName = indexKey(next.get("userName").asText());
            if (!oldName.equals(newName)) {
                String holder = idsByUserName.putIfAbsent(newName, id);
                if (holder != null && !holder.equals(id)) {
                    throw duplicate.apply(next.get("userName").asText());
                }
                idsByUserName.remove(oldName, id);
            }
            return next;
        });
        if (updated == null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return updated;
    }

    public ObjectNode remove(String id) {
        ObjectNode removed = users.remove(id);
        if (removed != null) {
            idsByUserName.remove(indexKey(removed.get("userName").asText()), id);
        }
        return removed;
    }

    /** All users ordered by id (creation order). */
    public List<ObjectNode> all() {
        List<ObjectNode> result = new ArrayList<>(users.values());
        result.sort(Comparator.comparing((ObjectNode u) -> u.get("id").asText().length()).thenComparing(u -> u.get("id").asText()));
        return result;
    }

    public boolean exists(String id) {
        return users.containsKey(id);
    }

    public int size() {
        return users.size();
    }

    public void clear() {
        users.clear();
        idsByUserName.clear();
    }

    private static String indexKey(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }
}
