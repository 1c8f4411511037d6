package io.scimitar.provisioner.rules.preview;

/** The expression builder's answer for scoping filters and a sample object: in scope or not and why, or the error. */
public record ScopePreview(PreviewStatus status, boolean inScope, String reason, String error) {
}
