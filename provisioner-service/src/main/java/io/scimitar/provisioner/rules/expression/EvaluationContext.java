package io.scimitar.provisioner.rules.expression;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;

/** State of one evaluation of one expression: the source object, the environment and whether Redact was used. */
public final class EvaluationContext {

    private final SourceObject source;
    private final EvaluationEnvironment environment;
    private boolean redacted;

    public EvaluationContext(SourceObject source, EvaluationEnvironment environment) {
        this.source = source;
        this.environment = environment;
    }

    public SourceObject source() {
        return source;
    }

    public EvaluationEnvironment environment() {
        return environment;
    }

    public void markRedacted() {
        redacted = true;
    }

    public boolean redacted() {
        return redacted;
    }
}
