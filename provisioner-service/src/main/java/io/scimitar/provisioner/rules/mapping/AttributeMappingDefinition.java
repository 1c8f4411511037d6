package io.scimitar.provisioner.rules.mapping;

import java.util.Locale;

/**
 * One attribute mapping as an administrator configures it: {@code source} is the source attribute name (DIRECT), the
 * fixed text (CONSTANT), the expression text (EXPRESSION) or unused (NONE); {@code defaultValue} is used only on create
 * when the value is null; matching attributes are tried in ascending {@code matchingPrecedence}; {@code whenEmpty} says
 * what an update does when the mapped value becomes empty ({@link #CLEAR}, the default when null, or {@link #KEEP}).
 */
public record AttributeMappingDefinition(MappingType type, String source, String target, String defaultValue,
                                         ApplyOn applyOn, boolean matching, int matchingPrecedence, String whenEmpty) {

    /** {@code whenEmpty}: the target's value is removed when the mapped value becomes empty (null or ""). */
    public static final String CLEAR = "CLEAR";
    /** {@code whenEmpty}: the target keeps its value when the mapped value becomes empty, as Entra does. */
    public static final String KEEP = "KEEP";

    public AttributeMappingDefinition(MappingType type, String source, String target, String defaultValue,
            ApplyOn applyOn, boolean matching, int matchingPrecedence) {
        this(type, source, target, defaultValue, applyOn, matching, matchingPrecedence, null);
    }

    public static AttributeMappingDefinition direct(String source, String target) {
        return new AttributeMappingDefinition(MappingType.DIRECT, source, target, null, ApplyOn.ALWAYS, false, 0);
    }

    public static AttributeMappingDefinition constant(String value, String target) {
        return new AttributeMappingDefinition(MappingType.CONSTANT, value, target, null, ApplyOn.ALWAYS, false, 0);
    }

    public static AttributeMappingDefinition expression(String expression, String target) {
        return new AttributeMappingDefinition(MappingType.EXPRESSION, expression, target, null, ApplyOn.ALWAYS, false, 0);
    }

    public AttributeMappingDefinition withDefaultValue(String value) {
        return new AttributeMappingDefinition(type, source, target, value, applyOn, matching, matchingPrecedence,
                whenEmpty);
    }

    public AttributeMappingDefinition onlyOnCreate() {
        return new AttributeMappingDefinition(type, source, target, defaultValue, ApplyOn.CREATE_ONLY, matching,
                matchingPrecedence, whenEmpty);
    }

    public AttributeMappingDefinition matchingWithPrecedence(int precedence) {
        return new AttributeMappingDefinition(type, source, target, defaultValue, applyOn, true, precedence, whenEmpty);
    }

    /** The same mapping with {@code whenEmpty} set ({@link #CLEAR} or {@link #KEEP}). */
    public AttributeMappingDefinition whenEmpty(String action) {
        return new AttributeMappingDefinition(type, source, target, defaultValue, applyOn, matching, matchingPrecedence,
                action);
    }

    /** True when {@code whenEmpty} is {@link #KEEP} (any case). */
    public boolean keepsTargetValueWhenEmpty() {
        return whenEmpty != null && KEEP.equals(whenEmpty.toUpperCase(Locale.ROOT));
    }

    /**
     * True when an update may remove the target's value once the mapped value is empty: {@code whenEmpty} is not KEEP,
     * and the mapping is none of these, whose empty value does not mean "no value in the target": a matching attribute
     * (it identifies the object), a NONE mapping or one with a default value (values written on create only).
     */
    public boolean clearsWhenEmpty() {
        return !keepsTargetValueWhenEmpty() && !matching && type != MappingType.NONE && defaultValue == null;
    }
}
