package io.scimitar.mock.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Locale;

/**
 * One attribute of a SCIM schema (RFC 7643 §7), as served by /Schemas and used to validate bodies. {@code maxLength}
 * is Miro's documented limit, checked on input but never served: RFC 7643 has no such characteristic, and strict SCIM
 * clients refuse a discovery answer that carries one.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AttributeDefinition(
        String name,
        String type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        String mutability,
        String returned,
        String uniqueness,
        List<AttributeDefinition> subAttributes,
        @JsonIgnore Integer maxLength) {

    public static AttributeDefinition string(String name, String description) {
        return new AttributeDefinition(name, "string", false, description, false, false, "readWrite", "default", "none", List.of(), null);
    }

    public static AttributeDefinition bool(String name, String description) {
        return new AttributeDefinition(name, "boolean", false, description, false, false, "readWrite", "default", "none", List.of(), null);
    }

    public static AttributeDefinition complex(String name, boolean multiValued, String description, AttributeDefinition... subs) {
        return new AttributeDefinition(name, "complex", multiValued, description, false, false, "readWrite", "default", "none", List.of(subs), null);
    }

    public AttributeDefinition required(boolean value) {
        return new AttributeDefinition(name, type, multiValued, description, value, caseExact, mutability, returned, uniqueness, subAttributes, maxLength);
    }

    public AttributeDefinition mutability(String value) {
        return new AttributeDefinition(name, type, multiValued, description, required, caseExact, value, returned, uniqueness, subAttributes, maxLength);
    }

    public AttributeDefinition returned(String value) {
        return new AttributeDefinition(name, type, multiValued, description, required, caseExact, mutability, value, uniqueness, subAttributes, maxLength);
    }

    public AttributeDefinition uniqueness(String value) {
        return new AttributeDefinition(name, type, multiValued, description, required, caseExact, mutability, returned, value, subAttributes, maxLength);
    }

    public AttributeDefinition caseExact(boolean value) {
        return new AttributeDefinition(name, type, multiValued, description, required, value, mutability, returned, uniqueness, subAttributes, maxLength);
    }

    public AttributeDefinition withMaxLength(int value) {
        return new AttributeDefinition(name, type, multiValued, description, required, caseExact, mutability, returned, uniqueness, subAttributes, value);
    }

    public AttributeDefinition withType(String value) {
        return new AttributeDefinition(name, value, multiValued, description, required, caseExact, mutability, returned, uniqueness, subAttributes, maxLength);
    }

    /** The same definition as a single value: describes one element of a multi-valued attribute. */
    public AttributeDefinition withoutMulti() {
        return new AttributeDefinition(name, type, false, description, required, caseExact, mutability, returned, uniqueness, subAttributes, maxLength);
    }

    @JsonIgnore
    public boolean isComplex() {
        return "complex".equals(type);
    }

    @JsonIgnore
    public boolean isBoolean() {
        return "boolean".equals(type);
    }

    @JsonIgnore
    public boolean isReadOnly() {
        return "readOnly".equals(mutability);
    }

    /** Finds a sub-attribute by name, ignoring case as RFC 7643 §2.1 requires; null when absent. */
    public AttributeDefinition subAttribute(String subName) {
        String wanted = subName.toLowerCase(Locale.ROOT);
        for (AttributeDefinition sub : subAttributes) {
            if (sub.name.toLowerCase(Locale.ROOT).equals(wanted)) {
                return sub;
            }
        }
        return null;
    }
}
