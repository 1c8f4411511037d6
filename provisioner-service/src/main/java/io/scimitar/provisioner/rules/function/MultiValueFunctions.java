package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Count, Item (1-based) and RemoveDuplicates over multi-valued attributes. */
final class MultiValueFunctions {

    private MultiValueFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("Count", 1, 1, args -> (long) ValueConversions.asList(args.value(0)).size()),
                FunctionDefinition.of("Item", 2, 2, MultiValueFunctions::item),
                FunctionDefinition.of("RemoveDuplicates", 1, 1, MultiValueFunctions::removeDuplicates));
    }

    /** The index-th value (1-based); null when the index is outside the values. */
    private static Object item(FunctionArguments args) {
        List<?> values = ValueConversions.asList(args.value(0));
        long index = ValueConversions.requireLong(args.value(1), "Item", "index");
        if (index < 1 || index > values.size()) {
            return null;
        }
        return values.get((int) index - 1);
    }

    private static Object removeDuplicates(FunctionArguments args) {
        Object value = args.value(0);
        if (!(value instanceof List<?> list)) {
            return value;
        }
        return new ArrayList<>(new LinkedHashSet<>(list));
    }
}
