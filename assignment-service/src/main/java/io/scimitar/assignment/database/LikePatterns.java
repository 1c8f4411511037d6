package io.scimitar.assignment.database;

import java.util.Locale;

/** LIKE patterns built from caller text, whose {@code %}, {@code _} and {@code \} match themselves only. */
public final class LikePatterns {

    /** The clause to append after {@code like ?n}: backslash is the escape character. */
    public static final String ESCAPE = " escape '\\'";

    private LikePatterns() {
    }

    /** A lower-case pattern matching every text that starts with {@code prefix} (compare with lower(column)). */
    public static String startsWith(String prefix) {
        StringBuilder pattern = new StringBuilder(prefix.length() + 1);
        for (char c : prefix.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '%' || c == '_' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
