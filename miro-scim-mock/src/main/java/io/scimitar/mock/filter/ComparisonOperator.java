package io.scimitar.mock.filter;

import java.util.Locale;

/** The attribute operators of RFC 7644 §3.4.2.2. */
public enum ComparisonOperator {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The operator for a keyword, ignoring case; null when the word is not an operator. */
    public static ComparisonOperator fromKeyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "eq" -> EQ;
            case "ne" -> NE;
            case "co" -> CO;
            case "sw" -> SW;
            case "ew" -> EW;
            case "gt" -> GT;
            case "ge" -> GE;
            case "lt" -> LT;
            case "le" -> LE;
            default -> null;
        };
    }

    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }
}
