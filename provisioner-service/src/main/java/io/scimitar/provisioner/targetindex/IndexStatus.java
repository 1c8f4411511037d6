package io.scimitar.provisioner.targetindex;

/** Where the target index of one object type of a job stands. */
public enum IndexStatus {
    /** The read is going on: matching falls back to filter queries. */
    READING,
    /** The read finished: objects are matched locally on the attributes it covers. */
    COMPLETE,
    /** The read failed: matching falls back to filter queries until the job's next start. */
    FAILED,
    /** Turned off, or no matching attribute can be evaluated locally: matching uses filter queries. */
    NOT_USED
}
