package io.scimitar.provisioner.drift;

/**
 * Per kind of drift, what repair mode does. Absent fields take the defaults an administrator who distrusts the
 * target expects: values, state, missing objects and members are set right; orphans are only reported.
 */
public record RepairPolicies(FixPolicy attributes, FixPolicy state, FixPolicy missing, FixPolicy membership,
        OrphanPolicy orphans) {

    public static final RepairPolicies DEFAULTS = new RepairPolicies(FixPolicy.REPAIR, FixPolicy.REPAIR,
            FixPolicy.REPAIR, FixPolicy.REPAIR, OrphanPolicy.REPORT);

    public RepairPolicies {
        attributes = attributes == null ? FixPolicy.REPAIR : attributes;
        state = state == null ? FixPolicy.REPAIR : state;
        missing = missing == null ? FixPolicy.REPAIR : missing;
        membership = membership == null ? FixPolicy.REPAIR : membership;
        orphans = orphans == null ? OrphanPolicy.REPORT : orphans;
    }

    /** Whether drift of {@code kind} is repaired (orphans: anything but report). */
    public boolean repairs(DriftKind kind) {
        return switch (kind) {
            case ATTRIBUTE -> attributes == FixPolicy.REPAIR;
            case STATE -> state == FixPolicy.REPAIR;
            case MISSING -> missing == FixPolicy.REPAIR;
            case MEMBERSHIP -> membership == FixPolicy.REPAIR;
            case ORPHAN -> orphans != OrphanPolicy.REPORT;
        };
    }
}
