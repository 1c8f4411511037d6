package io.scimitar.provisioner.rules.expression;

/** Raised by IgnoreFlowIfNullOrEmpty to drop the attribute from the flow; caught by {@link Expression}, never escapes. */
public final class IgnoreFlowSignal extends RuntimeException {

    public static final IgnoreFlowSignal INSTANCE = new IgnoreFlowSignal();

    private IgnoreFlowSignal() {
        super("attribute dropped from the flow", null, false, false);
    }
}
