package io.scimitar.provisioner.link;

/** Where a linked target object stands. */
public enum LinkState {
    /** Known to the job (its version is recorded) but never provisioned: out of scope, disabled, or gone. */
    NOT_PROVISIONED,
    /** Provisioned and active. */
    ACTIVE,
    /** Provisioned and disabled (active=false), or a group left alone after it left scope. */
    DISABLED,
    /** Deleted from the target. */
    DELETED
}
