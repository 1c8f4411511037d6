package io.scimitar.provisioner.pipeline;

/** A target attribute a change set, with its value before and after (redacted values read "[Redact]"). */
public record ModifiedProperty(String displayName, Object oldValue, Object newValue) {
}
