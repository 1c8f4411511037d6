package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.expression.ExpressionResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target attribute values for one source object, in mapping order, without nulls and dropped flows; which of them
 * are redacted in logs; the matching values in precedence order; the targets whose mapped value is empty, split into
 * those to clear in the target ({@code cleared}) and those whose mapping keeps the target's value ({@code kept}).
 */
public record MappingResult(Map<String, Object> values, Set<String> redactedTargets, List<MatchingValue> matchingValues,
                            Set<String> cleared, Set<String> kept) {

    public MappingResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        redactedTargets = Set.copyOf(redactedTargets);
        matchingValues = List.copyOf(matchingValues);
        cleared = Collections.unmodifiableSet(new LinkedHashSet<>(cleared));
        kept = Collections.unmodifiableSet(new LinkedHashSet<>(kept));
    }

    public MappingResult(Map<String, Object> values, Set<String> redactedTargets, List<MatchingValue> matchingValues) {
        this(values, redactedTargets, matchingValues, Set.of(), Set.of());
    }

    /** Every target the mappings evaluated for an update: those with a value, then the empty ones. */
    public Set<String> targets() {
        Set<String> targets = new LinkedHashSet<>(values.keySet());
        targets.addAll(cleared);
        targets.addAll(kept);
        return targets;
    }

    /** The values as provisioning logs may show them: redacted targets read "[Redact]". */
    public Map<String, Object> loggableValues() {
        Map<String, Object> loggable = new LinkedHashMap<>();
        values.forEach((target, value) ->
                loggable.put(target, redactedTargets.contains(target) ? ExpressionResult.REDACTED_TEXT : value));
        return Collections.unmodifiableMap(loggable);
    }
}
