package io.scimitar.provisioner.log;

/** A target attribute a change set, with its value before and after (redacted values read "[Redact]"). */
public record ModifiedProperty(String displayName, Object oldValue, Object newValue) {
}
