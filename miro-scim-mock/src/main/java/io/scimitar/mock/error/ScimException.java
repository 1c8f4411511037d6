package io.scimitar.mock.error;

/** A SCIM error decided by the mock's rules; mapped to the SCIM error body at the HTTP edge. */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    public String detail() {
        return getMessage();
    }

    public static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    public static ScimException invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return badRequest("invalidSyntax", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return badRequest("invalidFilter", detail);
    }

    public static ScimException invalidPath(String detail) {
        return badRequest("invalidPath", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    /** 507: the organisation holds as many resources as the mock is configured (or sized) for. */
    public static ScimException full(String detail) {
        return new ScimException(507, null, detail);
    }

    public static ScimException conflict(String scimType, String detail) {
        return new ScimException(409, scimType, detail);
    }
}
