package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.List;

/** CStr and BitAnd. */
final class ConversionFunctions {

    private ConversionFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("CStr", 1, 1, args -> ValueConversions.mapText(args.value(0), s -> s)),
                FunctionDefinition.of("BitAnd", 2, 2, args ->
                        ValueConversions.requireLong(args.value(0), "BitAnd", "value1")
                                & ValueConversions.requireLong(args.value(1), "BitAnd", "value2")));
    }
}
