package io.scimitar.provisioner.rules.preview;

/**
 * The expression builder's answer for one expression and a sample object: the value (redacted values shown as
 * "[Redact]"), whether it flows, or the error and, for a parse error, its 0-based position (otherwise -1).
 */
public record ExpressionPreview(PreviewStatus status, Object value, boolean flows, boolean redacted, String error,
                                int errorPosition) {
}
