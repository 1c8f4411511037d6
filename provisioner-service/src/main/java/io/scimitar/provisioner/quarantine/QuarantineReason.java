package io.scimitar.provisioner.quarantine;

/** Why a job is in quarantine, with Entra's names (synchronizationQuarantine's reason). */
public enum QuarantineReason {
    /** The target rejected the credentials (401, 403) or answered in a way SCIM does not allow. */
    EncounteredQuarantineException,
    /** Too large a share of the recent changes failed. */
    EncounteredEscrowProportionThreshold,
    /** More disables and deletes than the job's threshold within the window: they are held until allowed. */
    TooManyDeletes
}
