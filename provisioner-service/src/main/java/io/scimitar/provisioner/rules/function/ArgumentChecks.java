package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.expression.ExpressionNode;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.StringLiteral;

import java.util.List;
import java.util.function.Consumer;

/** Helpers for parse-time argument checks. */
final class ArgumentChecks {

    private ArgumentChecks() {
    }

    /** The text of a literal argument, or null when the argument is computed at evaluation time. */
    static String literal(List<ExpressionNode> arguments, int index) {
        return index < arguments.size() && arguments.get(index) instanceof StringLiteral s ? s.value() : null;
    }

    /** Runs a validation on a literal argument and turns its IllegalArgumentException into a parse error. */
    static void validateLiteral(List<ExpressionNode> arguments, int index, String what,
                                Consumer<String> validation) {
        String literal = literal(arguments, index);
        if (literal == null) {
            return;
        }
        try {
            validation.accept(literal);
        } catch (IllegalArgumentException e) {
            throw new ExpressionParseException(what + " is not valid: " + e.getMessage(), arguments.get(index).position());
        }
    }
}
