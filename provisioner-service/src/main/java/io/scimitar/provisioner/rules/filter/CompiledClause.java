package io.scimitar.provisioner.rules.filter;

import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.dotnet.NetRegex;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.List;
import java.util.regex.Pattern;

/** A validated clause with its regex or integer prepared; tells whether a source object satisfies it and why not. */
final class CompiledClause {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private final ScopingClause clause;
    private final NetRegex regex;
    private final Long number;

    CompiledClause(ScopingClause clause) {
        if (clause == null) {
            throw new ScopingFilterValidationException("A scoping clause is missing");
        }
        if (clause.attribute() == null || clause.attribute().isBlank()) {
            throw new ScopingFilterValidationException("A scoping clause has no attribute name");
        }
        if (clause.operator() == null) {
            throw new ScopingFilterValidationException("The scoping clause on " + clause.attribute() + " has no operator");
        }
        ScopingOperator operator = clause.operator();
        if (operator.needsValue() && (clause.value() == null || clause.value().isEmpty())) {
            throw new ScopingFilterValidationException("The clause " + clause.attribute() + " " + operator.entraName()
                    + " needs a value to compare with");
        }
        this.clause = clause;
        this.regex = operator == ScopingOperator.REGEX_MATCH || operator == ScopingOperator.NOT_REGEX_MATCH
                ? compileRegex(clause) : null;
        this.number = operator == ScopingOperator.GREATER_THAN || operator == ScopingOperator.GREATER_THAN_OR_EQUALS
                ? requireInteger(clause) : integerOrNull(clause.value());
    }

    private static NetRegex compileRegex(ScopingClause clause) {
        try {
            return NetRegex.compile(clause.value());
        } catch (IllegalArgumentException e) {
            throw new ScopingFilterValidationException("The regular expression \"" + clause.value() + "\" of the clause on "
                    + clause.attribute() + " is not valid: " + e.getMessage());
        }
    }

    private static Long requireInteger(ScopingClause clause) {
        Long value = integerOrNull(clause.value());
        if (value == null) {
            throw new ScopingFilterValidationException("The clause " + clause.attribute() + " "
                    + clause.operator().entraName() + " needs an integer value but was \"" + clause.value() + "\"");
        }
        return value;
    }

    private static Long integerOrNull(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        String text = value == null ? null : ValueConversions.toText(value).trim();
        return text != null && INTEGER.matcher(text).matches() ? Long.parseLong(text) : null;
    }

    ScopingClause clause() {
        return clause;
    }

    /** Null when the clause is true for the object, otherwise why it is false. */
    String failure(SourceObject source) {
        Object raw = ValueConversions.single(source.attribute(clause.attribute()));
        ScopingOperator operator = clause.operator();
        if (raw instanceof List<?>) {
            return "multi-valued attributes cannot be used in scoping filters";
        }
        boolean empty = ValueConversions.isNullOrEmpty(raw);
        if (operator == ScopingOperator.IS_NULL) {
            return empty ? null : "the value is " + ValueConversions.describe(raw);
        }
        if (empty) {
            return raw == null ? "the value is null" : "the value is empty";
        }
        String text = ValueConversions.toText(raw);
        boolean result = switch (operator) {
            case IS_NOT_NULL -> true;
            case EQUALS -> equalsValue(raw, text);
            case NOT_EQUALS -> !equalsValue(raw, text);
            case IS_TRUE -> Boolean.TRUE.equals(booleanOrNull(raw));
            case IS_FALSE -> Boolean.FALSE.equals(booleanOrNull(raw));
            case REGEX_MATCH -> regex.isMatch(text);
            case NOT_REGEX_MATCH -> !regex.isMatch(text);
            case GREATER_THAN, GREATER_THAN_OR_EQUALS -> {
                Long actual = integerOrNull(raw);
                if (actual == null) {
                    yield false;
                }
                yield operator == ScopingOperator.GREATER_THAN ? actual > number : actual >= number;
            }
            case INCLUDES -> text.contains(clause.value());
            case ENDS_WITH -> text.endsWith(clause.value());
            case BIT_AND -> bitAnd(raw, text);
            case NOT_BIT_AND -> !bitAnd(raw, text);
            case IS_NULL -> throw new IllegalStateException("handled above");
        };
        return result ? null : "the value is " + ValueConversions.describe(raw);
    }

    /** Case-sensitive ordinal text comparison; a boolean attribute also equals "true"/"false" in any case. */
    private boolean equalsValue(Object raw, String text) {
        if (raw instanceof Boolean b) {
            Boolean expected = booleanOrNull(clause.value());
            if (expected != null) {
                return b.equals(expected);
            }
        }
        return text.equals(clause.value());
    }

    /** Bitwise AND is non-zero when both sides are integers; otherwise the attribute text occurs in the value. */
    private boolean bitAnd(Object raw, String text) {
        Long actual = integerOrNull(raw);
        if (actual != null && number != null) {
            return (actual & number) != 0;
        }
        return clause.value().contains(text);
    }

    private static Boolean booleanOrNull(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
