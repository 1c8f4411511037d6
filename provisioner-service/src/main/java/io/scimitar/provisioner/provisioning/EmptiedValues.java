package io.scimitar.provisioner.provisioning;

import io.scimitar.provisioner.configuration.ConnectorProfile;
import io.scimitar.provisioner.pipeline.ChangeTrace;
import io.scimitar.provisioner.rules.expression.ExpressionResult;
import io.scimitar.provisioner.rules.mapping.MappingResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an update does with the target attributes whose mapped value became empty: the ones to remove from the
 * target, and the ones the target keeps although they differ (the mapping keeps them, or the target cannot clear),
 * which the provisioning log must then name instead of calling the object "in sync".
 *
 * @param toClear          the attributes to remove from the target
 * @param keptByMapping    attribute to the value the target keeps because the mapping says so (whenEmpty KEEP, or a
 *                         default value applied on create only)
 * @param keptByTarget     attribute to the value the target keeps because the profile's target cannot clear it
 * @param profile          the job's connector profile
 */
public record EmptiedValues(List<String> toClear, Map<String, Object> keptByMapping, Map<String, Object> keptByTarget,
        ConnectorProfile profile) {

    public static EmptiedValues of(ConnectorProfile profile, MappingResult mapped, Map<String, Object> current) {
        Map<String, Object> keptByMapping = held(mapped.kept(), mapped, current);
        Map<String, Object> keptByTarget = profile.canClearAttributes() ? Map.of()
                : held(mapped.cleared(), mapped, current);
        List<String> toClear = profile.canClearAttributes() ? List.copyOf(mapped.cleared()) : List.of();
        return new EmptiedValues(toClear, keptByMapping, keptByTarget, profile);
    }

    private static Map<String, Object> held(Iterable<String> targets, MappingResult mapped,
            Map<String, Object> current) {
        Map<String, Object> held = new LinkedHashMap<>();
        for (String target : targets) {
            Object value = current.get(target);
            if (value != null && !mapped.values().containsKey(target)) {
                held.put(target, mapped.redactedTargets().contains(target) ? ExpressionResult.REDACTED_TEXT : value);
            }
        }
        return held;
    }

    public boolean keepsAny() {
        return !keptByMapping.isEmpty() || !keptByTarget.isEmpty();
    }

    /** Ends a change that sends nothing although values differ: a warning when the target cannot clear them. */
    void explain(ChangeTrace trace, String objectType) {
        if (!keptByTarget.isEmpty()) {
            trace.warning("TargetCannotClearAttribute", description(objectType));
        } else {
            trace.skipped("EntrySynchronizationSkipped", description(objectType));
        }
    }

    /** In words: which values the target keeps although the mapped values are empty, and why. */
    public String description(String objectType) {
        StringBuilder text = new StringBuilder();
        if (!keptByTarget.isEmpty()) {
            text.append("The target ").append(objectType).append(" keeps ").append(list(keptByTarget))
                    .append(" although the mapped value is empty: the ").append(profile.name().toLowerCase())
                    .append(" target offers no way to clear an attribute through SCIM");
        }
        if (!keptByMapping.isEmpty()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(text.isEmpty() ? "The target " + objectType + " keeps " : "it keeps ")
                    .append(list(keptByMapping))
                    .append(" although the mapped value is empty: the mapping keeps the target's value (whenEmpty "
                            + "KEEP, or a default value that applies on create only), as Entra does");
        }
        return text.toString();
    }

    private static String list(Map<String, Object> values) {
        return values.entrySet().stream().map(entry -> entry.getKey() + " = '" + entry.getValue() + "'")
                .collect(Collectors.joining(", "));
    }
}
