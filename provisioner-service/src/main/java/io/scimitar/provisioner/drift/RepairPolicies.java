package io.scimitar.provisioner.drift;

import io.scimitar.provisioner.error.Problem.FieldError;
import io.scimitar.provisioner.pipeline.JobDefinition;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Per kind of drift, what repair mode does. Absent fields take the defaults an administrator who distrusts the
 * target expects: values, state, missing objects and members are set right; orphan users and groups are only
 * reported.
 */
public record RepairPolicies(FixPolicy attributes, FixPolicy state, FixPolicy missing, FixPolicy membership,
        OrphanPolicy orphans, OrphanPolicy orphanGroups) {

    public static final RepairPolicies DEFAULTS = new RepairPolicies(FixPolicy.REPAIR, FixPolicy.REPAIR,
            FixPolicy.REPAIR, FixPolicy.REPAIR, OrphanPolicy.REPORT, OrphanPolicy.REPORT);

    public RepairPolicies {
        attributes = attributes == null ? FixPolicy.REPAIR : attributes;
        state = state == null ? FixPolicy.REPAIR : state;
        missing = missing == null ? FixPolicy.REPAIR : missing;
        membership = membership == null ? FixPolicy.REPAIR : membership;
        orphans = orphans == null ? OrphanPolicy.REPORT : orphans;
        orphanGroups = orphanGroups == null ? OrphanPolicy.REPORT : orphanGroups;
    }

    /** Whether drift of {@code kind} of objects of {@code objectType} ("User", "Group") is repaired. */
    public boolean repairs(DriftKind kind, String objectType) {
        return switch (kind) {
            case ATTRIBUTE -> attributes == FixPolicy.REPAIR;
            case STATE -> state == FixPolicy.REPAIR;
            case MISSING -> missing == FixPolicy.REPAIR;
            case MEMBERSHIP -> membership == FixPolicy.REPAIR;
            case ORPHAN -> orphanPolicy(objectType) != OrphanPolicy.REPORT;
        };
    }

    /** The orphan policy for objects of {@code objectType} ("User", "Group"). */
    public OrphanPolicy orphanPolicy(String objectType) {
        return "Group".equals(objectType) ? orphanGroups : orphans;
    }

    /**
     * What the job's target cannot do that these policies ask for: groups have no active flag in SCIM core (RFC 7643
     * §4.2), so they cannot be disabled; a target whose groups cannot be deleted through SCIM (Miro's teams) cannot
     * have its orphan groups deleted.
     */
    public List<FieldError> violations(JobDefinition job) {
        List<FieldError> errors = new ArrayList<>();
        if (orphanGroups == OrphanPolicy.DISABLE) {
            errors.add(new FieldError("policies.orphanGroups", "must be REPORT, LINK or DELETE: SCIM core groups "
                    + "have no active flag, so a group cannot be disabled", null));
        } else if (orphanGroups == OrphanPolicy.DELETE && !job.profile().canCreateAndDeleteGroups()) {
            errors.add(new FieldError("policies.orphanGroups", "must be REPORT or LINK: "
                    + job.profile().name().toLowerCase(java.util.Locale.ROOT) + " cannot delete groups through SCIM "
                    + "(Miro teams are deleted in Miro only)", null));
        }
        return errors;
    }

    JsonObject toJson() {
        return new JsonObject().put("attributes", attributes.name()).put("state", state.name())
                .put("missing", missing.name()).put("membership", membership.name()).put("orphans", orphans.name())
                .put("orphanGroups", orphanGroups.name());
    }

    /** Policies as stored (those stored before a field existed take its default). */
    static RepairPolicies fromJson(JsonObject json) {
        return new RepairPolicies(fix(json, "attributes"), fix(json, "state"), fix(json, "missing"),
                fix(json, "membership"), orphan(json, "orphans"), orphan(json, "orphanGroups"));
    }

    private static FixPolicy fix(JsonObject json, String field) {
        String value = json == null ? null : json.getString(field);
        return value == null ? null : FixPolicy.valueOf(value);
    }

    private static OrphanPolicy orphan(JsonObject json, String field) {
        String value = json == null ? null : json.getString(field);
        return value == null ? null : OrphanPolicy.valueOf(value);
    }
}
