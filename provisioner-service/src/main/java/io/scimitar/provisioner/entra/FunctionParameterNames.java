package io.scimitar.provisioner.entra;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameter names Entra's function trees use as {@code key}s (from Microsoft's function reference), so that a
 * tree's parameters land in the right position: Entra omits empty ones, e.g. {@code Replace} with only
 * {@code source}, {@code Find} and {@code Replacement}. Parameters past the named ones (Join's sources, Switch's
 * key/value pairs) are positional.
 */
final class FunctionParameterNames {

    private static final Map<String, List<String>> NAMES = Map.ofEntries(
            Map.entry("Append", List.of("source", "suffix")),
            Map.entry("BitAnd", List.of("value1", "value2")),
            Map.entry("CBool", List.of("expression")),
            Map.entry("CDate", List.of("expression")),
            Map.entry("Coalesce", List.of("source1")),
            Map.entry("ConvertToBase64", List.of("source")),
            Map.entry("ConvertToUTF8Hex", List.of("source")),
            Map.entry("Count", List.of("attribute")),
            Map.entry("CStr", List.of("value")),
            Map.entry("DateAdd", List.of("interval", "value", "dateTime")),
            Map.entry("DateDiff", List.of("interval", "date1", "date2")),
            Map.entry("DateFromNum", List.of("value")),
            Map.entry("FormatDateTime", List.of("source", "dateTimeStyles", "inputFormat", "outputFormat")),
            Map.entry("IgnoreFlowIfNullOrEmpty", List.of("expression")),
            Map.entry("IIF", List.of("condition", "valueIfTrue", "valueIfFalse")),
            Map.entry("InStr", List.of("value1", "value2", "start", "compareType")),
            Map.entry("IsNull", List.of("expression")),
            Map.entry("IsNullOrEmpty", List.of("expression")),
            Map.entry("IsPresent", List.of("expression")),
            Map.entry("IsString", List.of("expression")),
            Map.entry("Item", List.of("attribute", "index")),
            Map.entry("Join", List.of("separator")),
            Map.entry("Left", List.of("string", "numChars")),
            Map.entry("Mid", List.of("source", "start", "length")),
            Map.entry("NormalizeDiacritics", List.of("source")),
            Map.entry("Not", List.of("source")),
            Map.entry("NumFromDate", List.of("value")),
            Map.entry("PCase", List.of("source", "wordSeparators")),
            Map.entry("RandomString", List.of("length", "minimumNumbers", "minimumSpecialCharacters",
                    "minimumCapital", "minimumLowerCase", "charactersToAvoid")),
            Map.entry("Redact", List.of("source")),
            Map.entry("RemoveDuplicates", List.of("attribute")),
            Map.entry("Replace", List.of("source", "oldValue", "regexPattern", "regexGroupName", "replacementValue",
                    "replacementAttributeName", "template")),
            Map.entry("SingleAppRoleAssignment", List.of("source")),
            Map.entry("AppRoleAssignmentsComplex", List.of("source")),
            Map.entry("AssertiveAppRoleAssignmentsComplex", List.of("source")),
            Map.entry("Split", List.of("source", "delimiter")),
            Map.entry("StripSpaces", List.of("source")),
            Map.entry("Switch", List.of("source", "defaultValue")),
            Map.entry("ToLower", List.of("source", "culture")),
            Map.entry("ToUpper", List.of("source", "culture")),
            Map.entry("Word", List.of("string", "wordNumber", "delimiters")));

    /** Other spellings Microsoft's examples use for the same parameter (the Salesforce example's Replace). */
    private static final Map<String, Map<String, String>> ALIASES = Map.of(
            "Replace", Map.of("find", "oldValue", "replacement", "replacementValue"));

    private FunctionParameterNames() {
    }

    /** The position a keyed parameter takes, or -1 when the key is not a named parameter of the function. */
    static int position(String function, String key) {
        List<String> names = NAMES.get(function);
        if (names == null || key == null) {
            return -1;
        }
        String name = ALIASES.getOrDefault(function, Map.of()).getOrDefault(key.toLowerCase(Locale.ROOT), key);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when {@code key} names one of the function's positional parameters past its named ones (Switch's
     * {@code key}/{@code value}, Join's and Coalesce's {@code sourceN}), which come after every named one.
     */
    static boolean isRest(String function, String key) {
        if (key == null) {
            return false;
        }
        return switch (function) {
            case "Switch" -> key.equalsIgnoreCase("key") || key.equalsIgnoreCase("value");
            case "Join", "Coalesce" -> key.matches("(?i)source\\d+");
            default -> false;
        };
    }

    /** How many named parameters the function has. */
    static int namedCount(String function) {
        return NAMES.getOrDefault(function, List.of()).size();
    }

    /** The key to write for the parameter at {@code position}. */
    static String key(String function, int position) {
        List<String> names = NAMES.getOrDefault(function, List.of());
        if (position < names.size()) {
            return names.get(position);
        }
        if (function.equals("Switch")) {
            return (position - names.size()) % 2 == 0 ? "key" : "value";
        }
        return switch (function) {
            case "Coalesce" -> "source" + (position + 1);
            case "Join" -> "source" + position;
            default -> "parameter" + (position + 1);
        };
    }
}
