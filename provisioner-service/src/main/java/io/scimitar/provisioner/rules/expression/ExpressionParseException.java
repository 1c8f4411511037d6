package io.scimitar.provisioner.rules.expression;

/** An expression an administrator wrote cannot be parsed; {@link #position()} is the 0-based character offset. */
public class ExpressionParseException extends RuntimeException {

    private final int position;
    private final String reason;

    public ExpressionParseException(String reason, int position) {
        super(reason + " at position " + position);
        this.reason = reason;
        this.position = position;
    }

    /** 0-based offset into the expression text where the problem was found. */
    public int position() {
        return position;
    }

    /** The message without the position suffix. */
    public String reason() {
        return reason;
    }
}
