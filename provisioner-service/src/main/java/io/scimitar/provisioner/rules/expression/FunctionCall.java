package io.scimitar.provisioner.rules.expression;

import java.util.List;

/** {@code Name(arg1, ..., argN)}: a call of a catalogued function; arguments are evaluated lazily by the function. */
public record FunctionCall(FunctionDefinition function, List<ExpressionNode> arguments, int position)
        implements ExpressionNode {

    public FunctionCall {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Object evaluate(EvaluationContext context) {
        return function.body().apply(new FunctionArguments(this, context));
    }
}
