package io.scimitar.provisioner.rules.expression;

/** An omitted positional argument, as in {@code Replace([mail], "@x.com", , , "", , )}; evaluates to null. */
public record EmptyArgument(int position) implements ExpressionNode {

    @Override
    public Object evaluate(EvaluationContext context) {
        return null;
    }
}
