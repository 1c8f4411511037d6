package io.scimitar.assignment.attribute;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One writable attribute of a directory object, declared once: its JSON and event name, its column, its kind, how
 * it is read from a request of type {@code R}, and its limits. {@code maxLength} bounds a text, or each text of a list
 * (0: no bound of its own, e.g. when the pattern bounds it), {@code maxItems} the length of a list; {@code pattern}
 * with {@code patternReason} is the format a text must have (or null).
 */
public record Attribute<R>(String name, String column, AttributeKind kind, Function<R, Object> read,
        boolean required, int maxLength, int maxItems, Pattern pattern, String patternReason) {

    /** A text attribute of at most {@code maxLength} characters (0: bounded by its pattern only). */
    public static <R> Attribute<R> text(String name, String column, Function<R, Object> read, int maxLength) {
        return new Attribute<>(name, column, AttributeKind.TEXT, read, false, maxLength, 0, null, null);
    }

    /** An attribute of another kind, without limits of its own. */
    public static <R> Attribute<R> of(AttributeKind kind, String name, String column, Function<R, Object> read) {
        return new Attribute<>(name, column, kind, read, false, 0, 0, null, null);
    }

    public Attribute<R> asRequired() {
        return new Attribute<>(name, column, kind, read, true, maxLength, maxItems, pattern, patternReason);
    }

    public Attribute<R> matching(Pattern format, String reason) {
        return new Attribute<>(name, column, kind, read, required, maxLength, maxItems, format, reason);
    }

    /** A list of at most {@code items} texts of at most {@code length} characters each. */
    public Attribute<R> items(int items, int length) {
        return new Attribute<>(name, column, kind, read, required, length, items, pattern, patternReason);
    }
}
