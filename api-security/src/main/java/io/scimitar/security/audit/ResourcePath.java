package io.scimitar.security.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * What an {@code /api/v<n>/...} path changes: its first segment is the resource type, the second its id, and the
 * operation is the method and the path's shape with every id position as {@code {id}}
 * ({@code PATCH /users/{id}}, {@code DELETE /groups/{id}/members/{id}}).
 */
public record ResourcePath(String resourceType, String resourceId, String operation) {

    /** Reads {@code path}; {@code location} (a create's Location header, may be null) supplies the new object's id. */
    public static ResourcePath of(String method, String path, String location) {
        List<String> segments = resourceSegments(path);
        if (segments.size() == 1 && location != null) {
            List<String> created = resourceSegments(locationPath(location));
            if (created.size() >= 2 && created.get(0).equals(segments.get(0))) {
                segments = List.of(segments.get(0), created.get(1));
                return new ResourcePath(segments.get(0), segments.get(1), method + " /" + segments.get(0));
            }
        }
        StringBuilder shape = new StringBuilder(method).append(' ');
        for (int i = 0; i < segments.size(); i++) {
            shape.append('/').append(i % 2 == 0 ? segments.get(i) : "{id}");
        }
        if (segments.isEmpty()) {
            shape.append('/');
        }
        return new ResourcePath(segments.isEmpty() ? null : segments.get(0),
                segments.size() < 2 ? null : segments.get(1), shape.toString());
    }

    private static List<String> resourceSegments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        int start = 0;
        if (start < segments.size() && segments.get(start).equals("api")) {
            start++;
        }
        if (start < segments.size() && segments.get(start).matches("v\\d+")) {
            start++;
        }
        return segments.subList(start, segments.size());
    }

    private static String locationPath(String location) {
        int scheme = location.indexOf("://");
        String path = scheme < 0 ? location : location.substring(location.indexOf('/', scheme + 3) < 0
                ? location.length() : location.indexOf('/', scheme + 3));
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
