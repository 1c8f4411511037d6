package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.dotnet.NetRegex;
import io.scimitar.provisioner.rules.expression.EmptyArgument;
import io.scimitar.provisioner.rules.expression.ExpressionNode;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template): the
 * arguments that are given choose one of Entra's five forms; regexes use .NET syntax.
 */
final class ReplaceFunction {

    private static final int SOURCE = 0;
    private static final int OLD_VALUE = 1;
    private static final int PATTERN = 2;
    private static final int GROUP = 3;
    private static final int REPLACEMENT = 4;
    private static final int REPLACEMENT_ATTRIBUTE = 5;
    private static final int TEMPLATE = 6;

    /** The five documented forms, in the order they are tried. */
    enum Form {
        TEMPLATE, TEXT, REGEX_FROM_OTHER_ATTRIBUTE, REGEX_GROUP, REGEX;

        static Form choose(IntPredicate given) {
            if (given.test(OLD_VALUE) && given.test(ReplaceFunction.TEMPLATE)) {
                return TEMPLATE;
            }
            if (given.test(OLD_VALUE) && given.test(REPLACEMENT)) {
                return TEXT;
            }
            if (given.test(PATTERN) && given.test(GROUP) && given.test(REPLACEMENT_ATTRIBUTE)) {
                return REGEX_FROM_OTHER_ATTRIBUTE;
            }
            if (given.test(PATTERN) && given.test(GROUP) && given.test(REPLACEMENT)) {
                return REGEX_GROUP;
            }
            if (given.test(PATTERN) && given.test(REPLACEMENT)) {
                return REGEX;
            }
            return null;
        }
    }

    private ReplaceFunction() {
    }

    static FunctionDefinition definition() {
        return FunctionDefinition.of("Replace", 3, 7, ReplaceFunction::replace).withCheck(ReplaceFunction::check);
    }

    private static void check(List<ExpressionNode> arguments, int position) {
        Form form = Form.choose(i -> i < arguments.size() && !(arguments.get(i) instanceof EmptyArgument));
        if (form == null) {
            throw new ExpressionParseException("Replace needs oldValue with replacementValue or template, or"
                    + " regexPattern with replacementValue, or regexPattern and regexGroupName with replacementValue or"
                    + " replacementAttributeName", position);
        }
        ArgumentChecks.validateLiteral(arguments, PATTERN, "The regular expression", NetRegex::compile);
        String pattern = ArgumentChecks.literal(arguments, PATTERN);
        String group = ArgumentChecks.literal(arguments, GROUP);
        if (pattern != null && group != null && (form == Form.REGEX_GROUP || form == Form.REGEX_FROM_OTHER_ATTRIBUTE)
                && !NetRegex.compile(pattern).hasGroup(group)) {
            throw new ExpressionParseException("The regular expression has no group named '" + group + "'",
                    arguments.get(GROUP).position());
        }
        String oldValue = ArgumentChecks.literal(arguments, OLD_VALUE);
        if (oldValue != null && oldValue.isEmpty() && (form == Form.TEXT || form == Form.TEMPLATE)) {
            throw new ExpressionParseException("oldValue must not be empty", arguments.get(OLD_VALUE).position());
        }
    }

    private static Object replace(FunctionArguments args) {
        Form form = Form.choose(i -> !args.isOmitted(i));
        return switch (form) {
            case TEMPLATE -> template(args);
            case TEXT -> text(args);
            case REGEX_FROM_OTHER_ATTRIBUTE -> regexFromOtherAttribute(args);
            case REGEX_GROUP -> {
                NetRegex regex = regex(args);
                String group = args.text(GROUP);
                String replacement = orEmpty(args.text(REPLACEMENT));
                yield ValueConversions.mapText(args.value(SOURCE), s -> bounded(args,
                        () -> regex.replaceGroup(s, group, replacement, args.context().maxOutputChars())));
            }
            case REGEX -> {
                NetRegex regex = regex(args);
                String replacement = orEmpty(args.text(REPLACEMENT));
                yield ValueConversions.mapText(args.value(SOURCE), s -> bounded(args,
                        () -> regex.replace(s, replacement, args.context().maxOutputChars())));
            }
        };
    }

    private static Object template(FunctionArguments args) {
        String source = args.text(SOURCE);
        String oldValue = requireOldValue(args);
        String template = args.text(TEMPLATE);
        if (source == null || template == null) {
            return null;
        }
        args.context().ensureFits(replacedLength(template, oldValue, source), args.functionName());
        return template.replace(oldValue, source);
    }

    private static Object text(FunctionArguments args) {
        String oldValue = requireOldValue(args);
        String replacement = orEmpty(args.text(REPLACEMENT));
        return ValueConversions.mapText(args.value(SOURCE), s -> {
            args.context().ensureFits(replacedLength(s, oldValue, replacement), args.functionName());
            return s.replace(oldValue, replacement);
        });
    }

    /** The length {@code text.replace(oldValue, replacement)} will have, computed without building it. */
    static long replacedLength(String text, String oldValue, String replacement) {
        long occurrences = 0;
        for (int at = text.indexOf(oldValue); at >= 0; at = text.indexOf(oldValue, at + oldValue.length())) {
            occurrences++;
        }
        return text.length() + occurrences * ((long) replacement.length() - oldValue.length());
    }

    private static String bounded(FunctionArguments args, java.util.function.Supplier<String> replacement) {
        try {
            return replacement.get();
        } catch (NetRegex.ResultTooLongException e) {
            throw args.context().tooLong(args.functionName());
        }
    }

    private static Object regexFromOtherAttribute(FunctionArguments args) {
        Object source = args.value(SOURCE);
        if (!ValueConversions.isNullOrEmpty(source)) {
            return source;
        }
        String other = args.text(REPLACEMENT_ATTRIBUTE);
        if (other == null) {
            return null;
        }
        return regex(args).firstGroupValue(other, args.text(GROUP));
    }

    private static String requireOldValue(FunctionArguments args) {
        String oldValue = args.text(OLD_VALUE);
        if (oldValue == null || oldValue.isEmpty()) {
            throw args.error("oldValue must not be empty");
        }
        return oldValue;
    }

    private static NetRegex regex(FunctionArguments args) {
        String pattern = args.text(PATTERN);
        try {
            return NetRegex.compile(pattern == null ? "" : pattern);
        } catch (IllegalArgumentException e) {
            throw args.error("the regular expression is not valid: " + e.getMessage());
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
