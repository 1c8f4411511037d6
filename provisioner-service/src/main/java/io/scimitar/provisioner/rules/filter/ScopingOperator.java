package io.scimitar.provisioner.rules.filter;

import java.util.Locale;

/** The operators of Entra scoping filter clauses, with the spelling Entra uses for each. */
public enum ScopingOperator {
    EQUALS("EQUALS"),
    NOT_EQUALS("NOT EQUALS"),
    IS_TRUE("IS TRUE"),
    IS_FALSE("IS FALSE"),
    IS_NULL("IS NULL"),
    IS_NOT_NULL("IS NOT NULL"),
    REGEX_MATCH("REGEX MATCH"),
    NOT_REGEX_MATCH("NOT REGEX MATCH"),
    GREATER_THAN("Greater_Than"),
    GREATER_THAN_OR_EQUALS("Greater_Than_OR_EQUALS"),
    INCLUDES("Includes"),
    ENDS_WITH("ENDS_WITH"),
    BIT_AND("&"),
    NOT_BIT_AND("!&");

    private final String entraName;

    ScopingOperator(String entraName) {
        this.entraName = entraName;
    }

    /** The operator as Entra's portal and Graph API write it. */
    public String entraName() {
        return entraName;
    }

    /** True for operators that compare with the clause's value (all but IS TRUE/FALSE/NULL/NOT NULL). */
    public boolean needsValue() {
        return this != IS_TRUE && this != IS_FALSE && this != IS_NULL && this != IS_NOT_NULL;
    }

    /**
     * Reads Entra's spelling ("NOT EQUALS", "Greater_Than", "&") or the enum name ("NOT_EQUALS"), ignoring case and
     * treating spaces and underscores alike.
     */
    public static ScopingOperator parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ScopingFilterValidationException("The scoping operator is missing");
        }
        String normalized = normalize(text);
        for (ScopingOperator operator : values()) {
            if (normalize(operator.entraName).equals(normalized) || normalize(operator.name()).equals(normalized)) {
                return operator;
            }
        }
        throw new ScopingFilterValidationException("'" + text.trim() + "' is not a scoping operator; use one of EQUALS,"
                + " NOT EQUALS, IS TRUE, IS FALSE, IS NULL, IS NOT NULL, REGEX MATCH, NOT REGEX MATCH, Greater_Than,"
                + " Greater_Than_OR_EQUALS, Includes, ENDS_WITH, &, !&");
    }

    private static String normalize(String text) {
        return text.trim().toUpperCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
        return entraName;
    }
}
