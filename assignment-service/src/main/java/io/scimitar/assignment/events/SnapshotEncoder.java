package io.scimitar.assignment.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes the snapshot of an assignment event from the object's attribute list rather than from the typed record:
 * the event carries every attribute of the list (one added to the list and not yet to {@code UserSnapshot} too, as
 * an optional field consumers skip), field for field what {@code EventPayloadSql} builds in SQL. One per batch of
 * events; not thread-safe.
 */
final class SnapshotEncoder {

    private static final ObjectMapper JSON = AssignmentEventCodec.objectMapper();

    private final Map<String, JsonNode> snapshots = new HashMap<>();

    /** Keeps the snapshot {@code fields} of a user and returns it as the contract's typed record. */
    UserSnapshot user(Map<String, Object> fields) {
        JsonNode node = JSON.valueToTree(fields);
        snapshots.put("user/" + node.path("id").asText(), node);
        return convert(node, UserSnapshot.class);
    }

    /** Keeps the snapshot {@code fields} of a group and returns it as the contract's typed record. */
    GroupSnapshot group(Map<String, Object> fields) {
        JsonNode node = JSON.valueToTree(fields);
        snapshots.put("group/" + node.path("id").asText(), node);
        return convert(node, GroupSnapshot.class);
    }

    /** The event's JSON, with the snapshot kept for its object in place of the typed one. */
    String encode(AssignmentEvent event) {
        String field = event instanceof UserAssignmentEvent ? "user"
                : event instanceof GroupAssignmentEvent ? "group" : null;
        JsonNode snapshot = field == null ? null : snapshots.get(field + "/" + event.objectId());
        if (snapshot == null) {
            return AssignmentEventCodec.encodeToString(event);
        }
        ObjectNode tree = JSON.valueToTree(event);
        tree.set(field, snapshot);
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.type() + " event " + event.eventId(), e);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A snapshot does not fit " + type.getSimpleName(), e);
        }
    }
}
