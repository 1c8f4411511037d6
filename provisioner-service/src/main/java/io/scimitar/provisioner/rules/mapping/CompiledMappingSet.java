package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.parser.ExpressionParser;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.expression.ValueConversions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A job's attribute mappings, validated and parsed once, evaluated for each source object. Immutable, thread-safe. */
public final class CompiledMappingSet {

    private final List<CompiledMapping> mappings;
    private final List<MatchingAttribute> matchingAttributes;

    private CompiledMappingSet(List<CompiledMapping> mappings) {
        this.mappings = List.copyOf(mappings);
        this.matchingAttributes = mappings.stream()
                .map(CompiledMapping::definition)
                .filter(AttributeMappingDefinition::matching)
                .sorted(Comparator.comparingInt(AttributeMappingDefinition::matchingPrecedence))
                .map(d -> new MatchingAttribute(d.target(), d.matchingPrecedence()))
                .toList();
    }

    /** Validates and parses every mapping; throws {@link MappingValidationException} for the first invalid one. */
    public static CompiledMappingSet compile(List<AttributeMappingDefinition> definitions) {
        List<CompiledMapping> compiled = new ArrayList<>(definitions.size());
        Set<String> targets = new HashSet<>();
        Map<Integer, String> precedences = new HashMap<>();
        for (int index = 0; index < definitions.size(); index++) {
            AttributeMappingDefinition definition = definitions.get(index);
            if (definition == null) {
                throw new MappingValidationException(index, null, "the mapping is missing", -1);
            }
            String target = definition.target();
            if (target == null || target.isBlank()) {
                throw new MappingValidationException(index, target, "the target attribute is required", -1);
            }
            if (definition.type() == null) {
                throw new MappingValidationException(index, target, "the mapping type is required", -1);
            }
            if (!targets.add(target.toLowerCase(Locale.ROOT))) {
                throw new MappingValidationException(index, target, "another mapping already targets this attribute",
                        -1);
            }
            if ((definition.type() == MappingType.DIRECT || definition.type() == MappingType.EXPRESSION)
                    && (definition.source() == null || definition.source().isBlank())) {
                throw new MappingValidationException(index, target, "the source "
                        + (definition.type() == MappingType.DIRECT ? "attribute" : "expression") + " is required", -1);
            }
            if (definition.type() == MappingType.CONSTANT && definition.source() == null) {
                throw new MappingValidationException(index, target, "the constant value is required", -1);
            }
            if (definition.matching()) {
                if (definition.matchingPrecedence() < 1) {
                    throw new MappingValidationException(index, target, "matching precedence must be 1 or more", -1);
                }
                String other = precedences.put(definition.matchingPrecedence(), target);
                if (other != null) {
                    throw new MappingValidationException(index, target, "matching precedence "
                            + definition.matchingPrecedence() + " is already used by '" + other + "'", -1);
                }
            }
            compiled.add(new CompiledMapping(definition, parseExpression(index, definition)));
        }
        return new CompiledMappingSet(compiled);
    }

    private static Expression parseExpression(int index, AttributeMappingDefinition definition) {
        if (definition.type() != MappingType.EXPRESSION) {
            return null;
        }
        Expression expression;
        try {
            expression = ExpressionParser.parse(definition.source());
        } catch (ExpressionParseException e) {
            throw new MappingValidationException(index, definition.target(), e.reason(), e.position());
        }
        if (expression.isSelectUniqueValue()) {
            if (definition.matching()) {
                throw new MappingValidationException(index, definition.target(),
                        "SelectUniqueValue cannot be used on a matching attribute", -1);
            }
            if (definition.applyOn() != ApplyOn.CREATE_ONLY) {
                throw new MappingValidationException(index, definition.target(),
                        "SelectUniqueValue must be applied only during object creation", -1);
            }
        }
        return expression;
    }

    /**
     * The target values for one source object. CREATE_ONLY mappings apply only when {@code isCreate}; the default
     * value replaces a null only on create; nulls and IgnoreFlowIfNullOrEmpty results are left out. A value that is null
     * or "" is no value when its mapping clears ({@link AttributeMappingDefinition#clearsWhenEmpty()}): on update its
     * target is {@code cleared}; otherwise a null leaves the target {@code kept} on update (an empty text is then sent
     * as it is, as before). Matching values
     * are computed whatever {@code isCreate} is, since matching happens before create-or-update is known. Throws
     * {@link MappingEvaluationException} naming the target when an expression fails.
     */
    public MappingResult evaluate(SourceObject source, EvaluationEnvironment environment, boolean isCreate) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> redacted = new HashSet<>();
        Map<String, Object> matchingByTarget = new HashMap<>();
        Set<String> cleared = new LinkedHashSet<>();
        Set<String> kept = new LinkedHashSet<>();
        for (CompiledMapping mapping : mappings) {
            boolean applies = mapping.appliesTo(isCreate);
            boolean matching = mapping.definition().matching();
            if (!applies && !matching) {
                continue;
            }
            ExpressionResult result = mapping.evaluate(source, environment);
            if (!result.flows()) {
                continue;
            }
            Object value = result.value();
            String target = mapping.definition().target();
            if (matching && !ValueConversions.isNullOrEmpty(value)) {
                matchingByTarget.put(target, value);
            }
            if (value == null && isCreate) {
                value = mapping.definition().defaultValue();
            }
            if (!applies) {
                continue;
            }
            if (result.redacted()) {
                redacted.add(target);
            }
            if (value == null || (value instanceof String text && text.isEmpty())) {
                if (mapping.definition().clearsWhenEmpty()) {
                    if (!isCreate) {
                        cleared.add(target);
                    }
                    continue;
                }
                if (!isCreate && value == null && !mapping.definition().matching()
                        && mapping.definition().type() != MappingType.NONE) {
                    kept.add(target);
                }
                if (value == null) {
                    continue;
                }
            }
            values.put(target, value);
        }
        List<MatchingValue> matching = new ArrayList<>();
        for (MatchingAttribute attribute : matchingAttributes) {
            Object value = matchingByTarget.get(attribute.target());
            if (value != null) {
                matching.add(new MatchingValue(attribute.target(), attribute.precedence(), value));
            }
        }
        return new MappingResult(values, redacted, matching, cleared, kept);
    }

    /** The matching attributes in precedence order. */
    public List<MatchingAttribute> matchingAttributes() {
        return matchingAttributes;
    }

    /** The compiled definitions, in the order given. */
    public List<AttributeMappingDefinition> definitions() {
        return mappings.stream().map(CompiledMapping::definition).toList();
    }

    public int size() {
        return mappings.size();
    }
}
