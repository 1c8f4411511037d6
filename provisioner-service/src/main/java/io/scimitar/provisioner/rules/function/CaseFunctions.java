package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.dotnet.CultureCasing;
import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.List;
import java.util.function.BiFunction;

/** ToLower, ToUpper (culture-aware, .NET one-to-one casing) and PCase (proper case). */
final class CaseFunctions {

    private CaseFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("ToLower", 1, 2, args -> changeCase(args, CultureCasing::toLower))
                        .withCheck((arguments, position) -> ArgumentChecks.validateLiteral(arguments, 1, "The culture",
                                CultureCasing::of)),
                FunctionDefinition.of("ToUpper", 1, 2, args -> changeCase(args, CultureCasing::toUpper))
                        .withCheck((arguments, position) -> ArgumentChecks.validateLiteral(arguments, 1, "The culture",
                                CultureCasing::of)),
                FunctionDefinition.of("PCase", 1, 2, CaseFunctions::properCase));
    }

    private static Object changeCase(FunctionArguments args, BiFunction<CultureCasing, String, String> change) {
        Object source = args.value(0);
        CultureCasing casing;
        try {
            casing = CultureCasing.of(args.text(1));
        } catch (IllegalArgumentException e) {
            throw args.error(e.getMessage());
        }
        return ValueConversions.mapText(source, s -> change.apply(casing, s));
    }

    private static Object properCase(FunctionArguments args) {
        Object source = args.value(0);
        String separators = args.isOmitted(1) ? null : args.text(1);
        return ValueConversions.mapText(source, s -> properCase(s, separators));
    }

    /** Lower-cases the text, then upper-cases the first letter of each word. */
    static String properCase(String text, String separators) {
        String lower = CultureCasing.INVARIANT.toLower(text);
        StringBuilder out = new StringBuilder(lower.length());
        boolean wordStart = true;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            boolean separator = separators != null ? separators.indexOf(cp) >= 0 : isDefaultSeparator(cp);
            if (separator) {
                out.appendCodePoint(cp);
                wordStart = true;
            } else if (wordStart) {
                out.appendCodePoint(Character.toTitleCase(cp));
                wordStart = false;
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The Unicode categories .NET TextInfo.ToTitleCase treats as word separators (an apostrophe stays in the word). */
    private static boolean isDefaultSeparator(int cp) {
        if (cp == '\'' || cp == '\u2019') {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.FORMAT, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
