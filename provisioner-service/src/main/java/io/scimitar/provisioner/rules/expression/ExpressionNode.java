package io.scimitar.provisioner.rules.expression;

/** A node of a parsed expression; evaluates to null, String, Boolean, Long, Double, Instant, List or a role list. */
public sealed interface ExpressionNode
        permits AttributeReference, StringLiteral, NumberLiteral, EmptyArgument, FunctionCall, Comparison {

    Object evaluate(EvaluationContext context);

    /** 0-based offset of the node in the expression text. */
    int position();
}
