package io.scimitar.provisioner.drift;

/** Where a reconciliation stands. */
public enum ReconciliationStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED
}
