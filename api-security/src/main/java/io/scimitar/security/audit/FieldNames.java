package io.scimitar.security.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of the fields a JSON body sends, top-level and nested as dotted paths ({@code manager.id}; array elements
 * add no index), in order of first appearance. Reads names only: no value is ever kept. A body cut short or broken
 * gives the names read before the break.
 */
public final class FieldNames {

    /** At most this many names are kept (a body of 60,000 extension attributes records the first ones). */
    public static final int MAX_NAMES = 100;

    /** Longer names are cut to this many characters. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final JsonFactory JSON = new JsonFactory();

    private FieldNames() {
    }

    public static List<String> of(byte[] body, int length) {
        Set<String> names = new LinkedHashSet<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            String pending = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null && names.size() < MAX_NAMES) {
                switch (token) {
                    case FIELD_NAME -> {
                        pending = parser.currentName();
                        names.add(join(path, pending));
                    }
                    case START_OBJECT, START_ARRAY -> {
                        path.addLast(pending == null ? "" : pending);
                        pending = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pollLast();
                        pending = null;
                    }
                    default -> pending = null;
                }
            }
        } catch (IOException | RuntimeException broken) {
            // a broken or cut body: the names read so far are what was sent
        }
        return List.copyOf(names);
    }

    private static String join(Deque<String> path, String name) {
        StringBuilder joined = new StringBuilder();
        for (String part : path) {
            if (!part.isEmpty()) {
                joined.append(part).append('.');
            }
        }
        joined.append(name);
        return joined.length() > MAX_NAME_LENGTH ? joined.substring(0, MAX_NAME_LENGTH) : joined.toString();
    }
}
