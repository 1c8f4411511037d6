package io.scimitar.provisioner.rules.expression;

/** What a function computes from its (lazily evaluated) arguments. */
@FunctionalInterface
public interface FunctionBody {

    Object apply(FunctionArguments arguments);
}
