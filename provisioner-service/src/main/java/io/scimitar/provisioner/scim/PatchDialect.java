package io.scimitar.provisioner.scim;

/** How PATCH requests are written, as the two flavours of Entra's SCIM client write them. */
public enum PatchDialect {
    /**
     * Entra's default client (what Miro receives from Entra): capitalised ops, one operation per attribute, booleans as
     * the strings "True"/"False", members removed with {@code path: "members"} and a value array.
     */
    ENTRA_DEFAULT,
    /**
     * RFC 7644 §3.5.2, as Entra sends with the {@code aadOptscim062020} flag: lower-case ops, JSON booleans, filtered
     * paths kept, the other attributes in one path-less replace, members removed with {@code members[value eq "id"]}.
     */
    RFC7644;

    /** The flag that, appended to a tenant URL, switches Entra (and us) to RFC 7644 PATCH requests. */
    public static final String RFC_FLAG = "aadOptscim062020";

    /** RFC7644 when the tenant URL carries Entra's {@code aadOptscim062020} flag, else the profile's dialect. */
    public static PatchDialect forTenant(String tenantUrl, PatchDialect profileDialect) {
        return tenantUrl != null && tenantUrl.contains(RFC_FLAG) ? RFC7644 : profileDialect;
    }

    String op(String name) {
        return this == RFC7644 ? name.toLowerCase() : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
