package io.scimitar.provisioner.rules.expression;

import io.scimitar.provisioner.rules.dotnet.NetDateTimes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Conversions between expression values the way Entra's .NET runtime does them (invariant culture). */
public final class ValueConversions {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern HEX = Pattern.compile("&[Hh][0-9A-Fa-f]{1,16}");

    private ValueConversions() {
    }

    public static boolean isNullOrEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isEmpty()
                || value instanceof List<?> l && l.isEmpty();
    }

    /** A one-element list becomes its element and an empty list null; anything else is returned unchanged. */
    public static Object single(Object value) {
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return null;
            }
            if (list.size() == 1) {
                return list.get(0);
            }
        }
        return value;
    }

    /** The value as a list: null is empty, a scalar is a one-element list. */
    public static List<?> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        return List.of(value);
    }

    /** Applies a text transformation to a single value, or to each value of a multi-valued one. */
    public static Object mapText(Object value, UnaryOperator<String> transformation) {
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object element : list) {
                String text = toText(element);
                result.add(text == null ? null : transformation.apply(text));
            }
            return result;
        }
        String text = toText(value);
        return text == null ? null : transformation.apply(text);
    }

    /** .NET-style string form: booleans "True"/"False", dates "M/d/yyyy h:mm:ss tt" (UTC), lists comma-joined. */
    public static String toText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatDouble(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Instant instant) {
            return NetDateTimes.formatGeneral(instant);
        }
        if (value instanceof OffsetDateTime odt) {
            return NetDateTimes.formatGeneral(odt.toInstant());
        }
        if (value instanceof ZonedDateTime zdt) {
            return NetDateTimes.formatGeneral(zdt.toInstant());
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            for (Object element : list) {
                String text = toText(element);
                if (text != null) {
                    parts.add(text);
                }
            }
            return String.join(",", parts);
        }
        return value.toString();
    }

    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** Boolean.TryParse plus numbers (non-zero is true); null when the value is not a boolean. */
    public static Boolean parseBooleanOrNull(Object value) {
        Object v = single(value);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            Double number = parseNumberOrNull(t);
            if (number != null) {
                return number != 0;
            }
        }
        return null;
    }

    /** A number from a Number or a plain decimal string (invariant culture); null otherwise. */
    public static Double parseNumberOrNull(Object value) {
        Object v = single(value);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (DECIMAL.matcher(t).matches()) {
                return Double.parseDouble(t);
            }
            if (HEX.matcher(t).matches()) {
                return (double) Long.parseUnsignedLong(t.substring(2), 16);
            }
        }
        return null;
    }

    /** A 64-bit integer from a Number or an integer, decimal or {@code &H} hex string; null otherwise. */
    public static Long parseLongOrNull(Object value) {
        Object v = single(value);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (INTEGER.matcher(t).matches()) {
                return Long.parseLong(t);
            }
            if (HEX.matcher(t).matches()) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
        }
        Double d = parseNumberOrNull(v);
        if (d == null || d.isNaN() || d.isInfinite() || Math.abs(d) > 9.2e18) {
            return null;
        }
        return (long) Math.rint(d);
    }

    /** A required integer argument; names the function and argument in the error. */
    public static long requireLong(Object value, String function, String argument) {
        Long result = parseLongOrNull(value);
        if (result == null) {
            throw new ExpressionEvaluationException(
                    function + ": " + argument + " must be a whole number but was " + describe(value));
        }
        return result;
    }

    /** A point in time from an Instant, OffsetDateTime, ZonedDateTime or a date string; null otherwise. */
    public static Instant toInstantOrNull(Object value) {
        Object v = single(value);
        if (v instanceof Instant instant) {
            return instant;
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (v instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (v instanceof String s) {
            return NetDateTimes.parseFlexible(s).orElse(null);
        }
        return null;
    }

    /** Converts an evaluated value to what flows to the target: dates become strings, lists are copied. */
    public static Object toOutput(Object value) {
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            return toText(value);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                Object output = toOutput(element);
                if (output != null) {
                    copy.add(output);
                }
            }
            return List.copyOf(copy);
        }
        return value;
    }

    /** A short description of a value for error messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = toText(value);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return value instanceof String ? "\"" + text + "\"" : text;
    }
}
