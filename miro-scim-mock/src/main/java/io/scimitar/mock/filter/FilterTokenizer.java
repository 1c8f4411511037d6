package io.scimitar.mock.filter;

import io.scimitar.mock.error.ScimException;

import java.util.ArrayList;
import java.util.List;

/** Splits a SCIM filter or PATCH path into tokens: brackets, parentheses, string literals and words. */
final class FilterTokenizer {

    enum Kind { LPAREN, RPAREN, LBRACKET, RBRACKET, STRING, WORD }

    record Token(Kind kind, String text, int position) {
    }

    private FilterTokenizer() {
    }

    static List<Token> tokenize(String input) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = input.length();
        while (i < length) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")", i++));
            } else if (c == '[') {
                tokens.add(new Token(Kind.LBRACKET, "[", i++));
            } else if (c == ']') {
                tokens.add(new Token(Kind.RBRACKET, "]", i++));
            } else if (c == '"') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < length) {
                    char s = input.charAt(i);
                    if (s == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (s == '\\') {
                        if (i + 1 >= length) {
                            break;
                        }
                        char e = input.charAt(i + 1);
                        switch (e) {
                            case '"', '\\', '/' -> text.append(e);
                            case 'b' -> text.append('\b');
                            case 'f' -> text.append('\f');
                            case 'n' -> text.append('\n');
                            case 'r' -> text.append('\r');
                            case 't' -> text.append('\t');
                            case 'u' -> {
                                if (i + 6 > length) {
                                    throw ScimException.invalidFilter("Bad unicode escape at position " + i);
                                }
                                try {
                                    text.append((char) Integer.parseInt(input.substring(i + 2, i + 6), 16));
                                } catch (NumberFormatException ex) {
                                    throw ScimException.invalidFilter("Bad unicode escape at position " + i);
                                }
                                i += 4;
                            }
                            default -> throw ScimException.invalidFilter("Bad escape '\\" + e + "' at position " + i);
                        }
                        i += 2;
                    } else {
                        text.append(s);
                        i++;
                    }
                }
                if (!closed) {
                    throw ScimException.invalidFilter("Unterminated string starting at position " + start);
                }
                tokens.add(new Token(Kind.STRING, text.toString(), start));
            } else {
                int start = i;
                while (i < length) {
                    char w = input.charAt(i);
                    if (Character.isWhitespace(w) || w == '(' || w == ')' || w == '[' || w == ']' || w == '"') {
                        break;
                    }
                    i++;
                }
                tokens.add(new Token(Kind.WORD, input.substring(start, i), start));
            }
        }
        return tokens;
    }
}
