package io.scimitar.provisioner.scim;

/** SCIM filter expressions as Entra writes them: only {@code eq}, with quoted, escaped values. */
public final class ScimFilter {

    private ScimFilter() {
    }

    /** {@code attribute eq "value"}. */
    public static String eq(String attribute, Object value) {
        return attribute + " eq \"" + escape(String.valueOf(value)) + "\"";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
