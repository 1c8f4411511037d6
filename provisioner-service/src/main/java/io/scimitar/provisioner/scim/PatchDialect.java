package io.scimitar.provisioner.scim;

/** How PATCH requests are written: as the two flavours of Entra's SCIM client write them, or as RFC 7644 says. */
public enum PatchDialect {
    /**
     * Entra's default client (what Miro receives from Entra): capitalised ops, one operation per attribute, booleans as
     * the strings "True"/"False", members removed with {@code path: "members"} and a value array.
     */
    ENTRA_DEFAULT,
    /**
     * Entra's client with the {@code aadOptscim062020} flag: lower-case ops, JSON booleans, filtered paths kept, the
     * other attributes in one path-less replace whose value names them by path ({@code "name.familyName"}, an
     * extension attribute by its full URN), members removed with {@code members[value eq "id"]}.
     */
    ENTRA_RFC7644,
    /**
     * RFC 7644 §3.5.2 to the letter: as {@link #ENTRA_RFC7644}, except that the path-less replace carries attributes
     * as the resource does ({@code {"name":{"familyName":...}}}, extension attributes nested under their schema URN).
     */
    RFC7644;

    /** The flag that, appended to a tenant URL, switches Entra (and us) to RFC 7644 PATCH requests. */
    public static final String RFC_FLAG = "aadOptscim062020";

    /**
     * The dialect of a job's requests: a profile speaking Entra's default dialect switches to Entra's RFC 7644 flavour
     * when the tenant URL carries Entra's {@code aadOptscim062020} flag; a strict profile stays strict.
     */
    public static PatchDialect forTenant(String tenantUrl, PatchDialect profileDialect) {
        boolean flagged = tenantUrl != null && tenantUrl.contains(RFC_FLAG);
        return flagged && profileDialect == ENTRA_DEFAULT ? ENTRA_RFC7644 : profileDialect;
    }

    String op(String name) {
        return this == ENTRA_DEFAULT ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name.toLowerCase();
    }
}
