package io.scimitar.provisioner.drift;

/** What repair mode does with attribute, state, missing and membership drift. */
public enum FixPolicy {
    /** Set the target right through the job's pipeline. */
    REPAIR,
    /** Leave the target as it is; only report. */
    REPORT
}
