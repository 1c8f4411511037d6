package io.scimitar.mock.http;

/** The SCIM endpoint classes Miro rate-limits separately; also the unit of counters and fault injection. */
public enum EndpointClass {
    USERS_LIST, USERS_GET, USERS_CREATE, USERS_REPLACE, USERS_PATCH, USERS_DELETE,
    GROUPS_LIST, GROUPS_GET, GROUPS_PATCH, GROUPS_CREATE, GROUPS_REPLACE, GROUPS_DELETE,
    DISCOVERY, OTHER;

    public static final String SCIM_BASE = "/api/v1/scim";

    /** Classifies a request under {@link #SCIM_BASE}; null when the path is not a SCIM path. */
    public static EndpointClass of(String method, String path) {
        if (path == null || !path.startsWith(SCIM_BASE)) {
            return null;
        }
        String rest = path.substring(SCIM_BASE.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/') {
            return null;
        }
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        String collection = slash < 0 ? rest : rest.substring(0, slash);
        boolean byId = slash >= 0 && slash < rest.length() - 1;
        if (collection.equals("Users")) {
            return switch (method) {
                case "GET" -> byId ? USERS_GET : USERS_LIST;
                case "POST" -> USERS_CREATE;
                case "PUT" -> USERS_REPLACE;
                case "PATCH" -> USERS_PATCH;
                case "DELETE" -> USERS_DELETE;
                default -> OTHER;
            };
        }
        if (collection.equals("Groups")) {
            return switch (method) {
                case "GET" -> byId ? GROUPS_GET : GROUPS_LIST;
                case "POST" -> GROUPS_CREATE;
                case "PUT" -> GROUPS_REPLACE;
                case "PATCH" -> GROUPS_PATCH;
                case "DELETE" -> GROUPS_DELETE;
                default -> OTHER;
            };
        }
        if (collection.equals("ServiceProviderConfig") || collection.equals("ResourceTypes") || collection.equals("Schemas")) {
            return DISCOVERY;
        }
        return OTHER;
    }
}
