package io.scimitar.provisioner.entra;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scimitar.provisioner.rules.expression.AttributeReference;
import io.scimitar.provisioner.rules.expression.Comparison;
import io.scimitar.provisioner.rules.expression.EmptyArgument;
import io.scimitar.provisioner.rules.expression.ExpressionNode;
import io.scimitar.provisioner.rules.expression.FunctionCall;
import io.scimitar.provisioner.rules.expression.NumberLiteral;
import io.scimitar.provisioner.rules.expression.StringLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a parsed expression back out: as expression text (optionally renaming its attributes) and as Entra's
 * {@code attributeMappingSource} tree (Attribute, Constant, Function with keyed parameters, empty ones omitted).
 */
final class ExpressionTreeWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ExpressionTreeWriter() {
    }

    /** The expression text of {@code node}, each attribute name passed through {@code rename}. */
    static String text(ExpressionNode node, UnaryOperator<String> rename) {
        if (node instanceof AttributeReference attribute) {
            return "[" + rename.apply(attribute.name()) + "]";
        }
        if (node instanceof StringLiteral literal) {
            return FunctionTreeReader.quote(literal.value());
        }
        if (node instanceof NumberLiteral number) {
            return number.text();
        }
        if (node instanceof Comparison comparison) {
            return text(comparison.left(), rename) + " " + comparison.operator().symbol() + " "
                    + text(comparison.right(), rename);
        }
        if (node instanceof FunctionCall call) {
            List<String> arguments = new ArrayList<>();
            call.arguments().forEach(argument -> arguments.add(text(argument, rename)));
            return call.function().name() + "(" + String.join(", ", arguments) + ")";
        }
        return "";
    }

    /** Entra's tree of {@code node}; {@code expression} is the text to show at its top (the mapping's own text). */
    static ObjectNode tree(ExpressionNode node, String expression) {
        ObjectNode source = JSON.objectNode();
        source.put("expression", expression);
        ArrayNode parameters = JSON.arrayNode();
        String type = "Function";
        if (node instanceof AttributeReference attribute) {
            source.put("name", attribute.name());
            type = "Attribute";
        } else if (node instanceof StringLiteral literal) {
            source.put("name", literal.value());
            type = "Constant";
        } else if (node instanceof NumberLiteral number) {
            source.put("name", number.text());
            type = "Constant";
        } else if (node instanceof Comparison comparison) {
            source.put("name", comparison.operator().symbol());
            parameters.add(pair("left", comparison.left()));
            parameters.add(pair("right", comparison.right()));
        } else if (node instanceof FunctionCall call) {
            source.put("name", call.function().name());
            for (int i = 0; i < call.arguments().size(); i++) {
                ExpressionNode argument = call.arguments().get(i);
                if (!(argument instanceof EmptyArgument)) {
                    parameters.add(pair(FunctionParameterNames.key(call.function().name(), i), argument));
                }
            }
        }
        source.set("parameters", parameters);
        source.put("type", type);
        return source;
    }

    private static ObjectNode pair(String key, ExpressionNode value) {
        ObjectNode pair = JSON.objectNode();
        pair.put("key", key);
        pair.set("value", tree(value, text(value, UnaryOperator.identity())));
        return pair;
    }
}
