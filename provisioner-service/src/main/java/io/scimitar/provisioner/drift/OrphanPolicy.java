package io.scimitar.provisioner.drift;

/** What repair mode does with an object in the target that no source object is linked to. */
public enum OrphanPolicy {
    /** Leave it; only report. */
    REPORT,
    /** Link it to the one source object it matches (that is not linked yet), then bring it in line. */
    LINK,
    /** Set it inactive, within the job's deletion threshold. */
    DISABLE,
    /** Delete it, within the job's deletion threshold. */
    DELETE
}
