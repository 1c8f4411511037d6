package io.scimitar.provisioner.matching;

import com.fasterxml.jackson.databind.JsonNode;
import io.scimitar.provisioner.scim.ScimResult;

/** How a source object was found in the target, or why it was not. */
public sealed interface MatchResult {

    /** The stored link names the target object. */
    record Linked(String targetId) implements MatchResult {
    }

    /** A filter query on a matching attribute found exactly one object. */
    record Matched(String targetId, String attribute, Object value, JsonNode resource) implements MatchResult {
    }

    /** No matching attribute found anything: the object is new to the target. */
    record NotFound(String tried) implements MatchResult {
    }

    /** The source object has no value for any matching attribute (Entra's ImportSkipped). */
    record NoMatchingValue() implements MatchResult {
    }

    /** A query found several objects (Entra's DuplicateTargetEntries). */
    record Duplicate(String attribute, Object value, int count) implements MatchResult {
    }

    /** The query itself failed. */
    record Failed(ScimResult.Failure failure) implements MatchResult {
    }
}
