package io.scimitar.provisioner.rules.mapping;

/** A target attribute used to find an existing target object, tried in ascending precedence. */
public record MatchingAttribute(String target, int precedence) {
}
