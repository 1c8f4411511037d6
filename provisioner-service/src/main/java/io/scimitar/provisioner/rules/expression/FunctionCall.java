package io.scimitar.provisioner.rules.expression;

import java.util.List;

/**
 * {@code Name(arg1, ..., argN)}: a call of a catalogued function; arguments are evaluated lazily by the function.
 * Every call counts against the evaluation's budget, and so does the size of its result.
 */
public record FunctionCall(FunctionDefinition function, List<ExpressionNode> arguments, int position)
        implements ExpressionNode {

    public FunctionCall {
        arguments = List.copyOf(arguments);
    }

    @Override
    public Object evaluate(EvaluationContext context) {
        context.step(function.name());
        Object result = function.body().apply(new FunctionArguments(this, context));
        context.checkResult(result, function.name());
        return result;
    }
}
