package io.scimitar.provisioner.rules.mapping;

/**
 * One attribute mapping as an administrator configures it: {@code source} is the source attribute name (DIRECT), the
 * fixed text (CONSTANT), the expression text (EXPRESSION) or unused (NONE); {@code defaultValue} is used only on create
 * when the value is null; matching attributes are tried in ascending {@code matchingPrecedence}.
 */
public record AttributeMappingDefinition(MappingType type, String source, String target, String defaultValue,
                                         ApplyOn applyOn, boolean matching, int matchingPrecedence) {

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
        return new AttributeMappingDefinition(type, source, target, value, applyOn, matching, matchingPrecedence);
    }

    public AttributeMappingDefinition onlyOnCreate() {
        return new AttributeMappingDefinition(type, source, target, defaultValue, ApplyOn.CREATE_ONLY, matching,
                matchingPrecedence);
    }

    public AttributeMappingDefinition matchingWithPrecedence(int precedence) {
        return new AttributeMappingDefinition(type, source, target, defaultValue, applyOn, true, precedence);
    }
}
