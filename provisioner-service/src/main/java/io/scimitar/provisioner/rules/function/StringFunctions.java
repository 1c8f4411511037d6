package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Append, Join, Left, Mid, InStr, Split, StripSpaces, Word, NormalizeDiacritics, ConvertToBase64, ConvertToUTF8Hex. */
final class StringFunctions {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private StringFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("Append", 2, 2, StringFunctions::append),
                FunctionDefinition.of("Join", 1, FunctionDefinition.UNBOUNDED, StringFunctions::join),
                FunctionDefinition.of("Left", 2, 2, StringFunctions::left),
                FunctionDefinition.of("Mid", 3, 3, StringFunctions::mid),
                FunctionDefinition.of("InStr", 2, 4, StringFunctions::inStr),
                FunctionDefinition.of("Split", 2, 2, StringFunctions::split),
                FunctionDefinition.of("StripSpaces", 1, 1,
                        args -> ValueConversions.mapText(args.value(0), s -> s.replace(" ", ""))),
                FunctionDefinition.of("Word", 3, 3, StringFunctions::word),
                FunctionDefinition.of("NormalizeDiacritics", 1, 1,
                        args -> ValueConversions.mapText(args.value(0), DiacriticsNormalizer::normalize)),
                FunctionDefinition.of("ConvertToBase64", 1, 1, args -> ValueConversions.mapText(args.value(0),
                        s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_16LE)))),
                FunctionDefinition.of("ConvertToUTF8Hex", 1, 1, args -> ValueConversions.mapText(args.value(0),
                        s -> UPPER_HEX.formatHex(s.getBytes(StandardCharsets.UTF_8)))));
    }

    /** string.Concat semantics: a null side counts as empty; both null is null. */
    private static Object append(FunctionArguments args) {
        Object source = args.value(0);
        String suffix = args.text(1);
        if (source == null) {
            return suffix;
        }
        String tail = suffix == null ? "" : suffix;
        return ValueConversions.mapText(source, s -> s + tail);
    }

    /** Joins every non-empty value (multi-valued sources contribute each value) with the separator. */
    private static Object join(FunctionArguments args) {
        String separator = args.text(0);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < args.count(); i++) {
            for (Object element : ValueConversions.asList(args.value(i))) {
                String text = ValueConversions.toText(element);
                if (text == null || text.isEmpty()) {
                    continue;
                }
                if (!first && separator != null) {
                    out.append(separator);
                }
                out.append(text);
                args.context().ensureFits(out.length(), args.functionName());
                first = false;
            }
        }
        return out.toString();
    }

    private static Object left(FunctionArguments args) {
        Object source = args.value(0);
        long count = ValueConversions.requireLong(args.value(1), "Left", "NumChars");
        if (source == null) {
            return "";
        }
        return ValueConversions.mapText(source, s -> {
            if (count < 0 || count >= s.length()) {
                return s;
            }
            return s.substring(0, (int) count);
        });
    }

    private static Object mid(FunctionArguments args) {
        Object source = args.value(0);
        long start = ValueConversions.requireLong(args.value(1), "Mid", "start");
        long length = ValueConversions.requireLong(args.value(2), "Mid", "length");
        if (start < 1) {
            throw args.error("start must be 1 or more (the first character is 1) but was " + start);
        }
        if (length < 0) {
            throw args.error("length must not be negative but was " + length);
        }
        if (source == null) {
            return "";
        }
        return ValueConversions.mapText(source, s -> {
            if (start > s.length()) {
                return "";
            }
            int from = (int) start - 1;
            int to = (int) Math.min(s.length(), from + length);
            return s.substring(from, to);
        });
    }

    /** VB InStr: 1-based position of value2 in value1 from start, 0 when absent; vbTextCompare ignores case. */
    private static Object inStr(FunctionArguments args) {
        String haystack = args.text(0);
        String needle = args.text(1);
        long start = args.isOmitted(2) ? 1 : ValueConversions.requireLong(args.value(2), "InStr", "start");
        boolean ignoreCase = !args.isOmitted(3) && compareIgnoresCase(args);
        if (start < 1) {
            throw args.error("start must be 1 or more but was " + start);
        }
        if (haystack == null || haystack.isEmpty()) {
            return 0L;
        }
        if (start > haystack.length()) {
            return 0L;
        }
        if (needle == null || needle.isEmpty()) {
            return start;
        }
        for (int i = (int) start - 1; i + needle.length() <= haystack.length(); i++) {
            if (haystack.regionMatches(ignoreCase, i, needle, 0, needle.length())) {
                return (long) i + 1;
            }
        }
        return 0L;
    }

    private static boolean compareIgnoresCase(FunctionArguments args) {
        Object compare = args.value(3);
        if (compare instanceof String s) {
            if (s.equalsIgnoreCase("vbTextCompare")) {
                return true;
            }
            if (s.equalsIgnoreCase("vbBinaryCompare")) {
                return false;
            }
        }
        Long mode = ValueConversions.parseLongOrNull(compare);
        if (mode == null || (mode != 0 && mode != 1)) {
            throw args.error("compareType must be vbBinaryCompare or vbTextCompare but was "
                    + ValueConversions.describe(compare));
        }
        return mode == 1;
    }

    /** Splits on the delimiter text; entries are trimmed and empty entries dropped (matches Entra's documented example). */
    private static Object split(FunctionArguments args) {
        String source = args.text(0);
        String delimiter = args.text(1);
        if (source == null) {
            return null;
        }
        List<Object> parts = new ArrayList<>();
        if (delimiter == null || delimiter.isEmpty()) {
            addTrimmed(parts, source);
            return parts;
        }
        int from = 0;
        int at;
        while ((at = source.indexOf(delimiter, from)) >= 0) {
            addTrimmed(parts, source.substring(from, at));
            from = at + delimiter.length();
        }
        addTrimmed(parts, source.substring(from));
        return parts;
    }

    private static void addTrimmed(List<Object> parts, String part) {
        String trimmed = part.strip();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }

    private static Object word(FunctionArguments args) {
        String source = args.text(0);
        long number = ValueConversions.requireLong(args.value(1), "Word", "WordNumber");
        String delimiters = args.text(2);
        if (source == null || number < 1) {
            return "";
        }
        String separators = delimiters == null ? "" : delimiters;
        long index = 0;
        int i = 0;
        while (i < source.length()) {
            while (i < source.length() && separators.indexOf(source.charAt(i)) >= 0) {
                i++;
            }
            int start = i;
            while (i < source.length() && separators.indexOf(source.charAt(i)) < 0) {
                i++;
            }
            if (i > start && ++index == number) {
                return source.substring(start, i);
            }
        }
        return "";
    }
}
