package io.scimitar.provisioner.rules.expression;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.SourceObject;
import io.scimitar.provisioner.rules.dotnet.NetRegex;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A parsed expression: immutable, thread-safe, evaluated many times against different source objects. */
public final class Expression {

    private final String source;
    private final ExpressionNode root;
    private final Set<String> referencedAttributes;

    public Expression(String source, ExpressionNode root) {
        this.source = source;
        this.root = root;
        Set<String> names = new LinkedHashSet<>();
        collectAttributes(root, names);
        this.referencedAttributes = Collections.unmodifiableSet(names);
    }

    public String source() {
        return source;
    }

    public ExpressionNode root() {
        return root;
    }

    /** The attribute names the expression reads, in order of first use. */
    public Set<String> referencedAttributes() {
        return referencedAttributes;
    }

    /** True when the whole expression is a SelectUniqueValue call. */
    public boolean isSelectUniqueValue() {
        return root instanceof FunctionCall call && call.function().name().equals("SelectUniqueValue");
    }

    /**
     * Evaluates against one source object. Throws only {@link ExpressionEvaluationException} (including
     * {@link UniqueValueUnavailableException}).
     */
    public ExpressionResult evaluate(SourceObject sourceObject, EvaluationEnvironment environment) {
        EvaluationContext context = new EvaluationContext(sourceObject, environment);
        try {
            Object value = root.evaluate(context);
            return ExpressionResult.of(ValueConversions.toOutput(value), context.redacted());
        } catch (IgnoreFlowSignal signal) {
            return ExpressionResult.doNotFlow(context.redacted());
        } catch (ExpressionEvaluationException e) {
            throw e;
        } catch (NetRegex.RegexExecutionException e) {
            throw new ExpressionEvaluationException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ExpressionEvaluationException("The expression could not be evaluated for this object", e);
        }
    }

    @Override
    public String toString() {
        return source;
    }

    private static void collectAttributes(ExpressionNode node, Set<String> names) {
        if (node instanceof AttributeReference a) {
            names.add(a.name());
        } else if (node instanceof FunctionCall call) {
            call.arguments().forEach(arg -> collectAttributes(arg, names));
        } else if (node instanceof Comparison c) {
            collectAttributes(c.left(), names);
            collectAttributes(c.right(), names);
        }
    }
}
