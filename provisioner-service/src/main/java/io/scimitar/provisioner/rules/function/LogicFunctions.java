package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.IgnoreFlowSignal;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.List;

/** IIF, Switch, Coalesce, Not, CBool, IsNull, IsNullOrEmpty, IsPresent, IsString, IgnoreFlowIfNullOrEmpty. */
final class LogicFunctions {

    private LogicFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("IIF", 3, 3, LogicFunctions::iif),
                FunctionDefinition.of("Switch", 2, FunctionDefinition.UNBOUNDED, LogicFunctions::switchValue)
                        .withCheck((arguments, position) -> {
                            if (arguments.size() % 2 != 0) {
                                throw new ExpressionParseException("Switch needs a source, a default value and then"
                                        + " key/value pairs (an even number of arguments) but was given "
                                        + arguments.size(), position);
                            }
                        }),
                FunctionDefinition.of("Coalesce", 1, FunctionDefinition.UNBOUNDED, LogicFunctions::coalesce),
                FunctionDefinition.of("Not", 1, 1,
                        args -> !Boolean.TRUE.equals(ValueConversions.parseBooleanOrNull(args.value(0)))),
                FunctionDefinition.of("CBool", 1, 1, LogicFunctions::cbool),
                FunctionDefinition.of("IsNull", 1, 1, args -> isAbsent(args.value(0))),
                FunctionDefinition.of("IsNullOrEmpty", 1, 1,
                        args -> ValueConversions.isNullOrEmpty(args.value(0))),
                FunctionDefinition.of("IsPresent", 1, 1, args -> !ValueConversions.isNullOrEmpty(args.value(0))),
                FunctionDefinition.of("IsString", 1, 1,
                        args -> ValueConversions.single(args.value(0)) instanceof String),
                FunctionDefinition.of("IgnoreFlowIfNullOrEmpty", 1, 1, LogicFunctions::ignoreFlowIfNullOrEmpty));
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof List<?> l && l.isEmpty();
    }

    /** Only the chosen branch is evaluated; a null condition counts as false. */
    private static Object iif(FunctionArguments args) {
        Object condition = args.value(0);
        Boolean truth = ValueConversions.parseBooleanOrNull(condition);
        if (truth == null && !ValueConversions.isNullOrEmpty(condition)) {
            throw args.error("the condition must be True or False but was " + ValueConversions.describe(condition));
        }
        return Boolean.TRUE.equals(truth) ? args.value(1) : args.value(2);
    }

    /** Case-sensitive comparison of the source with each key; null counts as "" so "" keys catch missing values. */
    private static Object switchValue(FunctionArguments args) {
        String source = orEmpty(args.text(0));
        for (int i = 2; i + 1 < args.count(); i += 2) {
            if (source.equals(orEmpty(args.text(i)))) {
                return args.value(i + 1);
            }
        }
        return args.value(1);
    }

    private static Object coalesce(FunctionArguments args) {
        for (int i = 0; i < args.count(); i++) {
            Object value = args.value(i);
            if (!isAbsent(value)) {
                return value;
            }
        }
        return null;
    }

    private static Object cbool(FunctionArguments args) {
        Object value = args.value(0);
        if (isAbsent(value)) {
            return Boolean.FALSE;
        }
        Boolean result = ValueConversions.parseBooleanOrNull(value);
        if (result == null) {
            throw args.error(ValueConversions.describe(value) + " cannot be converted to True or False");
        }
        return result;
    }

    private static Object ignoreFlowIfNullOrEmpty(FunctionArguments args) {
        Object value = args.value(0);
        if (ValueConversions.isNullOrEmpty(value)) {
            throw IgnoreFlowSignal.INSTANCE;
        }
        return value;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
