package io.scimitar.provisioner.rules.mapping;

import io.scimitar.provisioner.rules.expression.ExpressionResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target attribute values for one source object, in mapping order, without nulls and dropped flows; which of them
 * are redacted in logs; and the matching values in precedence order.
 */
public record MappingResult(Map<String, Object> values, Set<String> redactedTargets, List<MatchingValue> matchingValues) {

    public MappingResult {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        redactedTargets = Set.copyOf(redactedTargets);
        matchingValues = List.copyOf(matchingValues);
    }

    /** The values as provisioning logs may show them: redacted targets read "[Redact]". */
    public Map<String, Object> loggableValues() {
        Map<String, Object> loggable = new LinkedHashMap<>();
        values.forEach((target, value) ->
                loggable.put(target, redactedTargets.contains(target) ? ExpressionResult.REDACTED_TEXT : value));
        return Collections.unmodifiableMap(loggable);
    }
}
