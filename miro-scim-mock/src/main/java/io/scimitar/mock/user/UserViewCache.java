package io.scimitar.mock.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.mock.json.ScimJson;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serialised default view of users ({@code GET /Users/{id}} without parameters). A stored document is written to
 * bytes once, in two parts around the place of {@code groups} (just before {@code meta}, as {@link UserService} renders
 * it); each answer splices the user's current groups in. No cached byte can go stale: a part is reused only for the
 * very document it was written from (stored documents are immutable and replaced on every change), and the groups,
 * which change with the teams, are never cached.
 */
@Singleton
public class UserViewCache {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] GROUPS = ",\"groups\":".getBytes(StandardCharsets.UTF_8);
    /** Entries of deleted or replaced users beyond this many are pruned. */
    private static final int SLACK = 1024;

    private final ScimJson json;
    private final UserRepository users;
    private final Map<String, View> views = new ConcurrentHashMap<>();

    public UserViewCache(ScimJson json, UserRepository users) {
        this.json = json;
        this.users = users;
    }

    /**
     * Whether {@link #write} applies: {@code meta} is the last attribute, and {@code groups} is not stored (true of
     * every document the service stores; a snapshot edited by hand may differ).
     */
    public static boolean splices(ObjectNode stored) {
        if (stored.size() < 2 || stored.has("groups")) {
            return false;
        }
        String last = null;
        for (Iterator<String> names = stored.fieldNames(); names.hasNext(); ) {
            last = names.next();
        }
        return "meta".equals(last);
    }

    /** The bytes of the stored user rendered with these groups (null: none), as Jackson writes the rendered tree. */
    public byte[] write(ObjectNode stored, ArrayNode groups) {
        String id = stored.get("id").asText();
        View view = views.get(id);
        if (view == null || view.stored != stored) {
            view = split(stored);
            views.put(id, view);
            if (views.size() > users.size() + SLACK) {
                prune();
            }
        }
        byte[] groupBytes = groups == null ? null : json.bytes(groups);
        int length = view.head.length + view.tail.length + (groupBytes == null ? 0 : GROUPS.length + groupBytes.length);
        byte[] answer = new byte[length];
        System.arraycopy(view.head, 0, answer, 0, view.head.length);
        int position = view.head.length;
        if (groupBytes != null) {
            System.arraycopy(GROUPS, 0, answer, position, GROUPS.length);
            System.arraycopy(groupBytes, 0, answer, position + GROUPS.length, groupBytes.length);
            position += GROUPS.length + groupBytes.length;
        }
        System.arraycopy(view.tail, 0, answer, position, view.tail.length);
        return answer;
    }

    /** {@code head}: the document without meta and without its closing brace; {@code tail}: {@code ,"meta":{...}}}. */
    private View split(ObjectNode stored) {
        ObjectNode withoutMeta = NODES.objectNode();
        withoutMeta.setAll(stored);
        JsonNode meta = withoutMeta.remove("meta");
        byte[] all = json.bytes(withoutMeta);
        byte[] head = java.util.Arrays.copyOf(all, all.length - 1);
        byte[] metaObject = json.bytes(NODES.objectNode().set("meta", meta));
        byte[] tail = new byte[metaObject.length];
        tail[0] = ',';
        System.arraycopy(metaObject, 1, tail, 1, metaObject.length - 1);
        return new View(stored, head, tail);
    }

    private void prune() {
        views.entrySet().removeIf(entry -> users.get(entry.getKey()) != entry.getValue().stored);
    }

    private record View(ObjectNode stored, byte[] head, byte[] tail) {
    }
}
