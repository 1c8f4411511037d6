package io.scimitar.provisioner.rules.expression;

/** The arguments of one function call during evaluation; each is evaluated only when the function asks for it. */
public final class FunctionArguments {

    private final FunctionCall call;
    private final EvaluationContext context;

    FunctionArguments(FunctionCall call, EvaluationContext context) {
        this.call = call;
        this.context = context;
    }

    public int count() {
        return call.arguments().size();
    }

    /** True when the argument was left out ({@code F(a, , c)}) or not given at all. */
    public boolean isOmitted(int index) {
        return index >= count() || call.arguments().get(index) instanceof EmptyArgument;
    }

    /** The evaluated argument, or null when it is omitted. */
    public Object value(int index) {
        return index >= count() ? null : call.arguments().get(index).evaluate(context);
    }

    /** The evaluated argument as .NET-style text, or null. */
    public String text(int index) {
        return ValueConversions.toText(ValueConversions.single(value(index)));
    }

    public EvaluationContext context() {
        return context;
    }

    public String functionName() {
        return call.function().name();
    }

    /** An evaluation error that names the function. */
    public ExpressionEvaluationException error(String message) {
        return new ExpressionEvaluationException(functionName() + ": " + message);
    }
}
