package io.scimitar.provisioner.rules.filter;

/** Whether an object is in scope, and which filter or clause decided it, in words for the provisioning log. */
public record ScopeDecision(boolean inScope, String reason) {
}
