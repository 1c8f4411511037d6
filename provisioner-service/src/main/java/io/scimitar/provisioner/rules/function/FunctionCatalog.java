package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.FunctionDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The functions an expression may call, by case-sensitive name: every function Entra documents. */
public final class FunctionCatalog {

    private static final FunctionCatalog STANDARD = new FunctionCatalog(Stream.of(
                    StringFunctions.definitions(),
                    CaseFunctions.definitions(),
                    LogicFunctions.definitions(),
                    ConversionFunctions.definitions(),
                    DateFunctions.definitions(),
                    MultiValueFunctions.definitions(),
                    GeneratorFunctions.definitions(),
                    RoleFunctions.definitions(),
                    List.of(ReplaceFunction.definition()))
            .flatMap(List::stream).toList());

    private final Map<String, FunctionDefinition> byName;

    public FunctionCatalog(List<FunctionDefinition> definitions) {
        Map<String, FunctionDefinition> map = new LinkedHashMap<>();
        for (FunctionDefinition definition : definitions) {
            if (map.put(definition.name(), definition) != null) {
                throw new IllegalArgumentException("function " + definition.name() + " is defined twice");
            }
        }
        this.byName = Map.copyOf(map);
    }

    public static FunctionCatalog standard() {
        return STANDARD;
    }

    /** The function with exactly this name, or null. */
    public FunctionDefinition find(String name) {
        return byName.get(name);
    }

    /** A function whose name differs only in case, to suggest the right spelling. */
    public Optional<FunctionDefinition> findIgnoringCase(String name) {
        return byName.values().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }

    public Collection<FunctionDefinition> all() {
        return byName.values();
    }
}
