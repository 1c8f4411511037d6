package io.scimitar.provisioner.rules.parser;

import io.scimitar.provisioner.rules.expression.AttributeReference;
import io.scimitar.provisioner.rules.expression.Comparison;
import io.scimitar.provisioner.rules.expression.ComparisonOperator;
import io.scimitar.provisioner.rules.expression.EmptyArgument;
import io.scimitar.provisioner.rules.expression.Expression;
import io.scimitar.provisioner.rules.expression.ExpressionNode;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.FunctionCall;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;
import io.scimitar.provisioner.rules.expression.NumberLiteral;
import io.scimitar.provisioner.rules.expression.StringLiteral;
import io.scimitar.provisioner.rules.function.FunctionCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses Entra's attribute-mapping expression language (VBA-like function calls, {@code [attribute]}s, {@code "text"}
 * with backslash escapes, numbers, empty positional arguments, and one comparison per operand for IIF/CBool).
 */
public final class ExpressionParser {

    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_NESTING = 100;
    private static final Map<String, Long> CONSTANTS = Map.of("vbBinaryCompare", 0L, "vbTextCompare", 1L);

    private final String text;
    private final FunctionCatalog catalog;
    private int pos;

    private ExpressionParser(String text, FunctionCatalog catalog) {
        this.text = text;
        this.catalog = catalog;
    }

    /** Parses with the standard Entra function catalog. */
    public static Expression parse(String source) {
        return parse(source, FunctionCatalog.standard());
    }

    public static Expression parse(String source, FunctionCatalog catalog) {
        if (source == null) {
            throw new ExpressionParseException("The expression is empty", 0);
        }
        if (source.length() > MAX_LENGTH) {
            throw new ExpressionParseException(
                    "The expression is " + source.length() + " characters long; at most " + MAX_LENGTH + " are allowed",
                    MAX_LENGTH);
        }
        ExpressionParser parser = new ExpressionParser(source, catalog);
        return new Expression(source, parser.parseWhole());
    }

    private ExpressionNode parseWhole() {
        skipWhitespace();
        if (atEnd()) {
            throw error("The expression is empty", pos);
        }
        ExpressionNode node = parseOperand(0);
        skipWhitespace();
        if (!atEnd()) {
            char c = text.charAt(pos);
            if (c == ')') {
                throw error("Unexpected ')' with no function call to close", pos);
            }
            if (c == ',') {
                throw error("Unexpected ',' outside a function's argument list", pos);
            }
            throw error("Unexpected '" + c + "' after the end of the expression", pos);
        }
        return node;
    }

    private ExpressionNode parseOperand(int depth) {
        ExpressionNode left = parsePrimary(depth);
        skipWhitespace();
        int operatorPosition = pos;
        ComparisonOperator operator = readComparisonOperator();
        if (operator == null) {
            return left;
        }
        skipWhitespace();
        if (atEnd() || text.charAt(pos) == ',' || text.charAt(pos) == ')') {
            throw error("Expected a value after '" + operator.symbol() + "'", pos);
        }
        ExpressionNode right = parsePrimary(depth);
        skipWhitespace();
        int second = pos;
        if (readComparisonOperator() != null) {
            throw error("Only one comparison is allowed here; nest IIF functions to combine conditions", second);
        }
        return new Comparison(left, operator, right, operatorPosition);
    }

    private ComparisonOperator readComparisonOperator() {
        if (atEnd()) {
            return null;
        }
        if (text.startsWith("<>", pos)) {
            pos += 2;
            return ComparisonOperator.NOT_EQUAL;
        }
        if (text.startsWith(">=", pos)) {
            pos += 2;
            return ComparisonOperator.GREATER_OR_EQUAL;
        }
        if (text.startsWith("<=", pos)) {
            pos += 2;
            return ComparisonOperator.LESS_OR_EQUAL;
        }
        char c = text.charAt(pos);
        ComparisonOperator operator = switch (c) {
            case '=' -> ComparisonOperator.EQUAL;
            case '>' -> ComparisonOperator.GREATER;
            case '<' -> ComparisonOperator.LESS;
            default -> null;
        };
        if (operator != null) {
            pos++;
        }
        return operator;
    }

    private ExpressionNode parsePrimary(int depth) {
        skipWhitespace();
        if (atEnd()) {
            throw error("Expected a function, an [attribute] or a \"text\" but the expression ended", pos);
        }
        char c = text.charAt(pos);
        if (c == '[') {
            return parseAttribute();
        }
        if (c == '"') {
            return parseString();
        }
        if (isDigit(c) || ((c == '-' || c == '+' || c == '.') && pos + 1 < text.length()
                && (isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '.'))) {
            return parseNumber();
        }
        if (c == '&' && pos + 1 < text.length() && "HhOo".indexOf(text.charAt(pos + 1)) >= 0) {
            return parseRadixNumber();
        }
        if (Character.isLetter(c) || c == '_') {
            return parseNameOrCall(depth);
        }
        if (c == '\u201C' || c == '\u201D') {
            throw error("Use straight double quotes (\") around text, not typographic quotes", pos);
        }
        throw error("Expected a function, an [attribute] or a \"text\" but found '" + c + "'", pos);
    }

    private AttributeReference parseAttribute() {
        int start = pos;
        int close = text.indexOf(']', pos + 1);
        int nextOpen = text.indexOf('[', pos + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            throw error("Expected ']' to close the attribute name that starts", start);
        }
        String name = text.substring(pos + 1, close).trim();
        if (name.isEmpty()) {
            throw error("The attribute name between [ and ] is empty", start);
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw error("The attribute name contains a control character", start + 1 + i);
            }
        }
        pos = close + 1;
        return new AttributeReference(name, start);
    }

    private StringLiteral parseString() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return new StringLiteral(value.toString(), start);
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                if (next == '\\' || next == '"') {
                    value.append(next);
                    pos += 2;
                    continue;
                }
            }
            value.append(c);
            pos++;
        }
        throw error("Expected '\"' to close the text that starts at position " + start + ", but the expression ended",
                pos);
    }

    private NumberLiteral parseNumber() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        boolean decimal = false;
        while (!atEnd() && (isDigit(text.charAt(pos)) || (text.charAt(pos) == '.' && !decimal))) {
            decimal |= text.charAt(pos) == '.';
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!atEnd() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw error("Unexpected '" + text.charAt(pos) + "' in the number " + literal, pos);
        }
        try {
            if (!decimal) {
                return new NumberLiteral(Long.parseLong(literal), literal, start);
            }
            double value = Double.parseDouble(literal);
            if (Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return new NumberLiteral(value, literal, start);
        } catch (NumberFormatException e) {
            throw error("The number " + literal + " is not valid or too large", start);
        }
    }

    private NumberLiteral parseRadixNumber() {
        int start = pos;
        char kind = Character.toUpperCase(text.charAt(pos + 1));
        int radix = kind == 'H' ? 16 : 8;
        pos += 2;
        int digitsStart = pos;
        while (!atEnd() && Character.digit(text.charAt(pos), radix) >= 0) {
            pos++;
        }
        String digits = text.substring(digitsStart, pos);
        if (digits.isEmpty()) {
            throw error("Expected " + (radix == 16 ? "hexadecimal" : "octal") + " digits after &" + kind, pos);
        }
        try {
            return new NumberLiteral(Long.parseUnsignedLong(digits, radix), text.substring(start, pos), start);
        } catch (NumberFormatException e) {
            throw error("The number " + text.substring(start, pos) + " is too large", start);
        }
    }

    private ExpressionNode parseNameOrCall(int depth) {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        skipWhitespace();
        if (atEnd() || text.charAt(pos) != '(') {
            Long constant = CONSTANTS.get(name);
            if (constant != null) {
                return new NumberLiteral(constant, name, start);
            }
            if (catalog.find(name) != null) {
                throw error("Expected '(' after the function name " + name, pos);
            }
            throw error("Unknown name '" + name
                    + "': put text in double quotes, attribute names in [brackets], or call a function with ( )", start);
        }
        FunctionDefinition function = catalog.find(name);
        if (function == null) {
            String suggestion = catalog.findIgnoringCase(name)
                    .map(f -> "; did you mean " + f.name() + "? Function names are case-sensitive")
                    .orElse("");
            throw error("Unknown function '" + name + "'" + suggestion, start);
        }
        if (depth >= MAX_NESTING) {
            throw error("Functions are nested more than " + MAX_NESTING + " levels deep", start);
        }
        if (function.name().equals("SelectUniqueValue") && depth > 0) {
            throw error("SelectUniqueValue must be the whole expression; it cannot be nested inside another function",
                    start);
        }
        pos++;
        List<ExpressionNode> arguments = parseArguments(function, depth);
        int count = arguments.size();
        if (count < function.minArguments() || count > function.maxArguments()) {
            throw error(name + " " + function.arityDescription() + " but was given " + count, start);
        }
        function.check().check(arguments, start);
        return new FunctionCall(function, arguments, start);
    }

    private List<ExpressionNode> parseArguments(FunctionDefinition function, int depth) {
        List<ExpressionNode> arguments = new ArrayList<>();
        skipWhitespace();
        if (!atEnd() && text.charAt(pos) == ')') {
            pos++;
            return arguments;
        }
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                throw error("Expected ')' after the arguments of " + function.name(), pos);
            }
            char c = text.charAt(pos);
            if (c == ',' || c == ')') {
                arguments.add(new EmptyArgument(pos));
            } else {
                arguments.add(parseOperand(depth + 1));
            }
            skipWhitespace();
            if (atEnd()) {
                throw error("Expected ')' after the arguments of " + function.name(), pos);
            }
            c = text.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c == ')') {
                pos++;
                return arguments;
            } else {
                throw error("Expected ',' or ')' after argument " + arguments.size() + " of " + function.name()
                        + " but found '" + c + "'", pos);
            }
        }
    }

    private void skipWhitespace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static ExpressionParseException error(String message, int position) {
        return new ExpressionParseException(message, position);
    }
}
