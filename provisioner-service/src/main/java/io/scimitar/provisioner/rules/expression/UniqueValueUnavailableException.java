package io.scimitar.provisioner.rules.expression;

import java.util.List;

/** Every candidate of SelectUniqueValue already exists in the target: Entra escrows the entry. */
public class UniqueValueUnavailableException extends ExpressionEvaluationException {

    private final List<String> candidates;

    public UniqueValueUnavailableException(List<String> candidates) {
        super("SelectUniqueValue found no unique value; every candidate already exists in the target: " + candidates);
        this.candidates = List.copyOf(candidates);
    }

    public List<String> candidates() {
        return candidates;
    }
}
