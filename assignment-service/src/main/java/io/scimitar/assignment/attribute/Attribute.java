package io.scimitar.assignment.attribute;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One writable attribute of a directory object, declared once: its JSON and event name, its column, its kind, its
 * limits, and what a stored object holds when a request leaves it out. {@code maxLength} bounds a text, or each text
 * of a list (0: no bound of its own, e.g. when the pattern bounds it), {@code maxItems} the length of a list;
 * {@code pattern} with {@code patternReason} is the format a text must have (or null).
 */
public record Attribute(String name, String column, AttributeKind kind, boolean required, int maxLength,
        int maxItems, Pattern pattern, String patternReason, Object whenAbsent) {

    /** A text attribute of at most {@code maxLength} characters (0: bounded by its pattern only). */
    public static Attribute text(String name, String column, int maxLength) {
        return new Attribute(name, column, AttributeKind.TEXT, false, maxLength, 0, null, null, null);
    }

    /** An attribute of another kind, without limits of its own; a list or extensions are empty when left out. */
    public static Attribute of(AttributeKind kind, String name, String column) {
        Object absent = switch (kind) {
            case TEXT_LIST -> List.of();
            case EXTENSIONS -> Map.of();
            default -> null;
        };
        return new Attribute(name, column, kind, false, 0, 0, null, null, absent);
    }

    public Attribute asRequired() {
        return new Attribute(name, column, kind, true, maxLength, maxItems, pattern, patternReason, whenAbsent);
    }

    public Attribute matching(Pattern format, String reason) {
        return new Attribute(name, column, kind, required, maxLength, maxItems, format, reason, whenAbsent);
    }

    /** A list of at most {@code items} texts of at most {@code length} characters each. */
    public Attribute items(int items, int length) {
        return new Attribute(name, column, kind, required, length, items, pattern, patternReason, whenAbsent);
    }

    /** The value a stored object holds when a request leaves this attribute out (e.g. true for accountEnabled). */
    public Attribute absentMeans(Object value) {
        return new Attribute(name, column, kind, required, maxLength, maxItems, pattern, patternReason, value);
    }
}
