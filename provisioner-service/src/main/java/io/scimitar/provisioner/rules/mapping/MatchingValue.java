package io.scimitar.provisioner.rules.mapping;

/** The value of a matching attribute for one source object, to query the target with. */
public record MatchingValue(String target, int precedence, Object value) {
}
