package io.scimitar.assignment.web;

/**
 * What no text we store may hold: the NUL character (PostgreSQL refuses it), other C0 control characters except tab,
 * line feed and carriage return, and unpaired UTF-16 surrogates (not Unicode; PostgreSQL would store them as '?').
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code value} may not be stored, or null when it may. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters other than tab, line feed and carriage return";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode: it holds an unpaired surrogate (e.g. \\ud800)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode: it holds an unpaired surrogate (e.g. \\udc00)";
            }
        }
        return null;
    }
}
