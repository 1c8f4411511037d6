package io.scimitar.provisioner.drift;

/** Whether a reconciliation only reports what it finds or also repairs it, as its policies say. */
public enum ReconciliationMode {
    REPORT, REPAIR
}
