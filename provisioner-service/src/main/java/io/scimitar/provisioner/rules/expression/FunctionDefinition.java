package io.scimitar.provisioner.rules.expression;

/** A function of the expression language: its case-sensitive name, how many arguments it takes, and its body. */
public record FunctionDefinition(String name, int minArguments, int maxArguments, ArgumentCheck check,
                                 FunctionBody body) {

    public static final int UNBOUNDED = Integer.MAX_VALUE;

    public static FunctionDefinition of(String name, int minArguments, int maxArguments, FunctionBody body) {
        return new FunctionDefinition(name, minArguments, maxArguments, ArgumentCheck.NONE, body);
    }

    public FunctionDefinition withCheck(ArgumentCheck argumentCheck) {
        return new FunctionDefinition(name, minArguments, maxArguments, argumentCheck, body);
    }

    /** "takes 2 arguments", "takes 3 to 7 arguments", "takes at least 1 argument". */
    public String arityDescription() {
        if (minArguments == maxArguments) {
            return "takes " + plural(minArguments);
        }
        if (maxArguments == UNBOUNDED) {
            return "takes at least " + plural(minArguments);
        }
        return "takes " + minArguments + " to " + plural(maxArguments);
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
