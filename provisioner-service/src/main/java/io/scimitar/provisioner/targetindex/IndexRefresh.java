package io.scimitar.provisioner.targetindex;

/** Whether a starting job reads its target again or keeps a complete index stored before. */
public enum IndexRefresh {
    /** A job started, restarted or changed: read the target again. */
    ALWAYS,
    /** The provisioner restarted with the job on: keep the stored index if it is complete for the same attributes. */
    IF_MISSING
}
