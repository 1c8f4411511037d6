package io.scimitar.provisioner.entra;

/** Whether a take-over preview could count, and if not, why not yet. */
public enum TakeOverStatus {
    /** Every user in scope was counted against the job's target index. */
    COUNTED,
    /** The target's users are being read into the index (by the job, or for the preview): ask again shortly. */
    READING_TARGET,
    /** Reading the target's users for the preview failed (the detail says why); asking again reads again. */
    TARGET_NOT_READABLE,
    /** None of the job's user matching attributes can be compared locally: a real run matches by filter queries. */
    NO_INDEXABLE_MATCHING
}
