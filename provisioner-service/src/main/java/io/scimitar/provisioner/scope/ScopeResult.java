package io.scimitar.provisioner.scope;

/**
 * Whether a source object is in a job's scope and whether its target account should be active.
 *
 * @param inScope      assigned (or the job syncs everything) and passing the scoping filters
 * @param shouldBeActive in scope, enabled and not soft-deleted; false means Entra's {@code IsSoftDeleted} is true
 * @param reason       why, in words for the provisioning log
 */
public record ScopeResult(boolean inScope, boolean shouldBeActive, String reason) {
}
