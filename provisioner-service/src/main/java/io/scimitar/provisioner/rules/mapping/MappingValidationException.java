package io.scimitar.provisioner.rules.mapping;

/** A mapping set cannot be compiled; names the mapping (0-based index and target) and, for expressions, the position. */
public class MappingValidationException extends RuntimeException {

    private final int mappingIndex;
    private final String target;
    private final int position;

    public MappingValidationException(int mappingIndex, String target, String reason, int position) {
        super("Mapping #" + (mappingIndex + 1) + " (target " + (target == null ? "not set" : "'" + target + "'")
                + "): " + reason + (position >= 0 ? " at position " + position : ""));
        this.mappingIndex = mappingIndex;
        this.target = target;
        this.position = position;
    }

    /** 0-based index of the mapping in the list given to compile. */
    public int mappingIndex() {
        return mappingIndex;
    }

    public String target() {
        return target;
    }

    /** 0-based position in the expression text, or -1 when the problem is not in an expression. */
    public int position() {
        return position;
    }
}
