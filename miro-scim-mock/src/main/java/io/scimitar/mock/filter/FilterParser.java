package io.scimitar.mock.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scimitar.mock.error.ScimException;
import io.scimitar.mock.filter.FilterTokenizer.Kind;
import io.scimitar.mock.filter.FilterTokenizer.Token;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2).
 * Keywords and attribute names are case-insensitive; {@code emails[type eq "work"].value eq "x"} is accepted as Entra sends it.
 */
public final class FilterParser {

    private final List<Token> tokens;
    private final String input;
    private int position;

    private FilterParser(String input) {
        this.input = input;
        this.tokens = FilterTokenizer.tokenize(input);
    }

    /** Parses a filter; throws a 400 invalidFilter ScimException on bad syntax. */
    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("Filter is empty");
        }
        FilterParser parser = new FilterParser(filter);
        Filter result = parser.orExpression();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("Unexpected '" + parser.tokens.get(parser.position).text() + "'");
        }
        return result;
    }

    /** Parses a PATCH path: {@code attr}, {@code attr.sub}, {@code attr[filter]}, {@code attr[filter].sub}, URN-prefixed. */
    public static PatchPath parsePath(String path) {
        try {
            FilterParser parser = new FilterParser(path);
            Token word = parser.expect(Kind.WORD, "attribute path");
            AttributePath attribute = AttributePath.parse(word.text());
            Filter valueFilter = null;
            String sub = attribute.subAttribute();
            if (parser.peek(Kind.LBRACKET)) {
                if (attribute.subAttribute() != null) {
                    throw parser.error("A value filter must follow an attribute, not a sub-attribute");
                }
                parser.position++;
                valueFilter = parser.orExpression();
                parser.expect(Kind.RBRACKET, "']'");
                if (parser.peek(Kind.WORD)) {
                    sub = parser.subAttributeAfterBracket();
                }
            }
            if (parser.position < parser.tokens.size()) {
                throw parser.error("Unexpected '" + parser.tokens.get(parser.position).text() + "'");
            }
            return new PatchPath(new AttributePath(attribute.schemaUrn(), attribute.attribute(), null), valueFilter, sub);
        } catch (ScimException e) {
            throw ScimException.invalidPath("Invalid path '" + path + "': " + e.detail());
        }
    }

    private Filter orExpression() {
        Filter left = andExpression();
        while (peekKeyword("or")) {
            position++;
            left = new Filter.Or(left, andExpression());
        }
        return left;
    }

    private Filter andExpression() {
        Filter left = unary();
        while (peekKeyword("and")) {
            position++;
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        if (peekKeyword("not")) {
            position++;
            expect(Kind.LPAREN, "'(' after not");
            Filter inner = orExpression();
            expect(Kind.RPAREN, "')'");
            return new Filter.Not(inner);
        }
        if (peek(Kind.LPAREN)) {
            position++;
            Filter inner = orExpression();
            expect(Kind.RPAREN, "')'");
            return inner;
        }
        return attributeExpression();
    }

    private Filter attributeExpression() {
        Token word = expect(Kind.WORD, "attribute path");
        AttributePath path = AttributePath.parse(word.text());
        if (peek(Kind.LBRACKET)) {
            if (path.subAttribute() != null) {
                throw error("A value filter must follow an attribute, not a sub-attribute");
            }
            position++;
            Filter inner = orExpression();
            expect(Kind.RBRACKET, "']'");
            if (peek(Kind.WORD) && tokens.get(position).text().startsWith(".")) {
                String sub = subAttributeAfterBracket();
                Filter condition = condition(new AttributePath(null, sub, null));
                return new Filter.ValuePath(path, new Filter.And(inner, condition));
            }
            return new Filter.ValuePath(path, inner);
        }
        return condition(path);
    }

    private Filter condition(AttributePath path) {
        Token operator = expect(Kind.WORD, "operator after '" + path + "'");
        String keyword = operator.text().toLowerCase(Locale.ROOT);
        if (keyword.equals("pr")) {
            return new Filter.Present(path);
        }
        ComparisonOperator comparison = ComparisonOperator.fromKeyword(keyword);
        if (comparison == null) {
            throw error("Unknown operator '" + operator.text() + "'");
        }
        JsonNode value = literal();
        if ((comparison.isSubstring() || comparison.isOrdering()) && !(value.isTextual() || value.isNumber())) {
            throw error("Operator '" + keyword + "' needs a string, number or date value");
        }
        return new Filter.Compare(path, comparison, value);
    }

    private JsonNode literal() {
        if (position >= tokens.size()) {
            throw error("Missing comparison value");
        }
        Token token = tokens.get(position++);
        if (token.kind() == Kind.STRING) {
            return TextNode.valueOf(token.text());
        }
        if (token.kind() != Kind.WORD) {
            throw error("Expected a comparison value but found '" + token.text() + "'");
        }
        String text = token.text().toLowerCase(Locale.ROOT);
        switch (text) {
            case "true":
                return BooleanNode.TRUE;
            case "false":
                return BooleanNode.FALSE;
            case "null":
                return NullNode.getInstance();
            default:
                try {
                    BigDecimal number = new BigDecimal(token.text());
                    if (number.scale() <= 0) {
                        return LongNode.valueOf(number.longValueExact());
                    }
                    return DecimalNode.valueOf(number);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw error("Invalid comparison value '" + token.text() + "' (strings must be quoted)");
                }
        }
    }

    private String subAttributeAfterBracket() {
        Token token = tokens.get(position++);
        String text = token.text();
        if (!text.startsWith(".") || text.length() < 2) {
            throw error("Expected '.subAttribute' after ']'");
        }
        AttributePath sub = AttributePath.parse(text.substring(1));
        if (sub.subAttribute() != null || sub.schemaUrn() != null) {
            throw error("Invalid sub-attribute '" + text + "'");
        }
        return sub.attribute();
    }

    private boolean peek(Kind kind) {
        return position < tokens.size() && tokens.get(position).kind() == kind;
    }

    private boolean peekKeyword(String keyword) {
        return peek(Kind.WORD) && tokens.get(position).text().equalsIgnoreCase(keyword);
    }

    private Token expect(Kind kind, String what) {
        if (position >= tokens.size()) {
            throw error("Expected " + what + " at end of input");
        }
        Token token = tokens.get(position);
        if (token.kind() != kind) {
            throw error("Expected " + what + " but found '" + token.text() + "'");
        }
        position++;
        return token;
    }

    private ScimException error(String message) {
        return ScimException.invalidFilter(message + " in '" + input + "'");
    }
}
