package io.scimitar.assignment.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.events.AssignmentEvent;
import io.scimitar.events.AssignmentEventCodec;
import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the snapshot of an assignment event from the object's attribute list rather than from the typed record
 * alone: the typed snapshot ({@code UserSnapshot}, {@code GroupSnapshot}) is built from the list's values, and an
 * attribute the list has beyond it (added to the list, not yet to the contract) goes into the event's snapshot as an
 * extra field, which consumers skip; field for field what {@code EventPayloadSql} builds in SQL. An event without
 * such an attribute is encoded by the codec as before. One per batch of events; not thread-safe.
 */
final class SnapshotEncoder {

    private static final ObjectMapper JSON = AssignmentEventCodec.objectMapper();
    private static final Typed<UserSnapshot> USER = new Typed<>(UserSnapshot.class);
    private static final Typed<GroupSnapshot> GROUP = new Typed<>(GroupSnapshot.class);

    private final Map<String, Map<String, Object>> beyondTheContract = new HashMap<>();

    /** The typed snapshot of a user's snapshot {@code fields}, keeping those the contract does not name. */
    UserSnapshot user(Map<String, Object> fields) {
        keepExtras("user", fields, USER);
        return USER.of(fields);
    }

    /** The typed snapshot of a group's snapshot {@code fields}, keeping those the contract does not name. */
    GroupSnapshot group(Map<String, Object> fields) {
        keepExtras("group", fields, GROUP);
        return GROUP.of(fields);
    }

    /** The event's JSON: the codec's, with the snapshot's extra fields after the contract's. */
    String encode(AssignmentEvent event) {
        String field = event instanceof UserAssignmentEvent ? "user"
                : event instanceof GroupAssignmentEvent ? "group" : null;
        Map<String, Object> extras = field == null ? null : beyondTheContract.get(field + "/" + event.objectId());
        if (extras == null) {
            return AssignmentEventCodec.encodeToString(event);
        }
        ObjectNode tree = JSON.valueToTree(event);
        ObjectNode snapshot = (ObjectNode) tree.get(field);
        extras.forEach((name, value) -> snapshot.set(name, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + event.type() + " event " + event.eventId(), e);
        }
    }

    private void keepExtras(String kind, Map<String, Object> fields, Typed<?> typed) {
        Map<String, Object> extras = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!typed.names.contains(name)) {
                extras.put(name, value);
            }
        });
        if (!extras.isEmpty()) {
            beyondTheContract.put(kind + "/" + fields.get("id"), extras);
        }
    }

    /** A snapshot record of the contract, built from fields by name through its canonical constructor. */
    private static final class Typed<T extends Record> {
        private final List<String> names;
        private final Constructor<T> constructor;

        Typed(Class<T> type) {
            RecordComponent[] components = type.getRecordComponents();
            names = Arrays.stream(components).map(RecordComponent::getName).toList();
            try {
                constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }

        T of(Map<String, Object> fields) {
            Object[] args = names.stream().map(fields::get).toArray();
            try {
                return constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                    | IllegalArgumentException e) {
                throw new IllegalStateException("A snapshot does not fit " + constructor.getDeclaringClass(), e);
            }
        }
    }
}
