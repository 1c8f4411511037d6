package io.scimitar.provisioner.replay;

import java.util.List;

/** What a real run would do to one object, as a dry run predicts it. */
public record PlannedChange(String objectType, String sourceId, String sourceDisplay, PlannedAction action,
        List<String> attributes, String reason) {

    /** The actions a dry run predicts. */
    public enum PlannedAction {
        CREATE, UPDATE, DISABLE, DELETE,
        /** A group the target must already have: it would be matched by its matching attribute, never created. */
        MATCH,
        /** Nothing to send: out of scope, already in sync, or an action that is turned off. */
        SKIP,
        /** The job's mappings fail for this object (the reason says why): a real run would log a failure. */
        FAIL
    }
}
