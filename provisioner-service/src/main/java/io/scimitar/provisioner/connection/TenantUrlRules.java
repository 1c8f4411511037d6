package io.scimitar.provisioner.connection;

import io.scimitar.provisioner.error.Problem.FieldError;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tenant URL must look like: an absolute https URL with a host and no credentials in it; plain http only when
 * the job explicitly allows insecure HTTP, as the token would cross the wire in clear.
 */
public final class TenantUrlRules {

    private TenantUrlRules() {
    }

    /** The problem with a given URL (not blank), if any, reported on {@code tenantUrl}. */
    public static Optional<FieldError> check(String tenantUrl, boolean allowInsecureHttp) {
        URI uri = parse(tenantUrl);
        String problem = null;
        if (uri == null || uri.getHost() == null || !(scheme(uri).equals("https") || scheme(uri).equals("http"))) {
            problem = "must be an absolute https URL, e.g. https://miro.com/api/v1/scim";
        } else if (uri.getRawUserInfo() != null) {
            problem = "must not hold credentials; the secret token goes in secretToken";
        } else if (uri.getRawFragment() != null) {
            problem = "must not have a fragment (#...)";
        } else if (scheme(uri).equals("http") && !allowInsecureHttp) {
            problem = "is plain http: the secret token would cross the network unencrypted. Use https, or set "
                    + "allowInsecureHttp to true for a target on a trusted network (a local mock)";
        }
        return Optional.ofNullable(problem).map(message -> new FieldError("tenantUrl", message, null));
    }

    /** The URL, or null when it is not one. */
    public static URI parse(String tenantUrl) {
        try {
            URI uri = URI.create(tenantUrl.trim());
            return uri.isAbsolute() ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether two tenant URLs are the same origin (scheme, host and port): the stored token may go on to a URL of the
     * same origin (another path on the same server), but never to another origin without being given again.
     */
    public static boolean sameOrigin(String before, String after) {
        URI a = parse(before);
        URI b = parse(after);
        return a != null && b != null && a.getHost() != null && b.getHost() != null
                && scheme(a).equals(scheme(b))
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && Objects.equals(port(a), port(b));
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return scheme(uri).equals("https") ? 443 : 80;
    }
}
