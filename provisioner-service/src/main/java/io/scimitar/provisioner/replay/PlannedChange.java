package io.scimitar.provisioner.replay;

import io.scimitar.provisioner.pipeline.ModifiedProperty;

import java.util.List;

/**
 * What a real run would do to one object, as a dry run predicts it.
 *
 * @param attributes the target attributes it would send
 * @param values     each of them with the value the target holds as far as the job knows (null for a create) and the
 *                   value it would send; values of mappings marked with Redact read "[Redact]"
 * @param inScope    whether the object is in the job's scope (a full dry run lists every object in scope)
 */
public record PlannedChange(String objectType, String sourceId, String sourceDisplay, PlannedAction action,
        List<String> attributes, List<ModifiedProperty> values, boolean inScope, String reason) {

    public PlannedChange {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        values = values == null ? List.of() : List.copyOf(values);
    }

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
