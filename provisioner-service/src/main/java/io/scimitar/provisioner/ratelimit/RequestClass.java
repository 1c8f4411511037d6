package io.scimitar.provisioner.ratelimit;

/** The classes of SCIM request a target may budget separately, as Miro does ("REST API levels"). */
public enum RequestClass {
    USERS_QUERY, USERS_GET, USERS_CREATE, USERS_REPLACE, USERS_PATCH, USERS_DELETE,
    GROUPS_QUERY, GROUPS_GET, GROUPS_CREATE, GROUPS_REPLACE, GROUPS_PATCH, GROUPS_PATCH_LARGE, GROUPS_DELETE;

    /**
     * The class of a request.
     *
     * @param method         the HTTP method
     * @param type           {@code Users} or {@code Groups}
     * @param byId           whether the request names one resource ({@code /Users/{id}})
     * @param bodyBytes      the size of the request body, 0 without one
     * @param largePatchBytes group PATCH bodies above this size count as {@link #GROUPS_PATCH_LARGE}
     */
    public static RequestClass of(String method, String type, boolean byId, int bodyBytes, int largePatchBytes) {
        boolean users = "Users".equals(type);
        switch (method) {
            case "GET":
                if (users) {
                    return byId ? USERS_GET : USERS_QUERY;
                }
                return byId ? GROUPS_GET : GROUPS_QUERY;
            case "POST":
                return users ? USERS_CREATE : GROUPS_CREATE;
            case "PUT":
                return users ? USERS_REPLACE : GROUPS_REPLACE;
            case "PATCH":
                if (users) {
                    return USERS_PATCH;
                }
                return bodyBytes > largePatchBytes ? GROUPS_PATCH_LARGE : GROUPS_PATCH;
            case "DELETE":
                return users ? USERS_DELETE : GROUPS_DELETE;
            default:
                throw new IllegalArgumentException("No request class for " + method + " " + type);
        }
    }
}
