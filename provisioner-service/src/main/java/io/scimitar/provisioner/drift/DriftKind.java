package io.scimitar.provisioner.drift;

/** The kinds of difference between what a job's target holds and what the directory says should be there. */
public enum DriftKind {
    /** A mapped value differs in the target from the one the job exported and the mappings give today. */
    ATTRIBUTE,
    /** The target's active flag differs (a disabled user reactivated there, or the other way round). */
    STATE,
    /** Linked, but gone from the target. */
    MISSING,
    /** In the target, not linked to any source object. */
    ORPHAN,
    /** A member added to or removed from a linked group in the target. */
    MEMBERSHIP
}
