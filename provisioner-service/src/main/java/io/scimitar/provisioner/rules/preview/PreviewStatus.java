package io.scimitar.provisioner.rules.preview;

/** Outcome of a preview: it worked, the rule itself is invalid, or the rule failed for the sample object. */
public enum PreviewStatus { OK, INVALID, FAILED }
