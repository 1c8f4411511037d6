package io.scimitar.provisioner.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scimitar.provisioner.ratelimit.RequestClass;
import io.scimitar.provisioner.ratelimit.Reservation;
import io.scimitar.provisioner.ratelimit.Slot;
import io.scimitar.provisioner.ratelimit.TargetRateLimiter;
import io.scimitar.provisioner.secret.SecretScrubber;
import io.scimitar.provisioner.targethost.TargetHostPolicy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * The SCIM operations of one target, with every answer turned into a {@link ScimResult}. Each request waits for a slot
 * in the target's budget for its class; a 429 whose Retry-After is short is retried here, after the pause. Before
 * each request the target's host is judged by the {@link TargetHostPolicy} (a refused host is a failure, nothing is
 * sent), and every text an answer or an error brings is scrubbed of the token before it becomes a result.
 */
public final class ScimClient {

    public static final String USERS = "Users";
    public static final String GROUPS = "Groups";
    /** How often a throttled request is sent again before the change goes to escrow. */
    static final int THROTTLED_ATTEMPTS = 4;
    /** A longer Retry-After is left to the escrow rather than held in memory. */
    static final Duration LONGEST_WAIT_IN_PLACE = Duration.ofSeconds(60);

    private final ScimHttpApi api;
    private final String authorization;
    private final ObjectMapper json;
    private final TargetRateLimiter limiter;
    private final SecretScrubber scrubber;
    private final TargetHostPolicy hostPolicy;
    private final URI target;
    private final ScimTelemetry telemetry;
    /** A slot taken in advance for this client's first request of its class; null when none. */
    private final Reservation reserved;

    ScimClient(ScimHttpApi api, String secretToken, ObjectMapper json, TargetRateLimiter limiter,
            TargetHostPolicy hostPolicy, URI target, ScimTelemetry telemetry) {
        this.api = api;
        this.telemetry = telemetry;
        this.authorization = secretToken == null ? null : "Bearer " + secretToken;
        this.json = json;
        this.limiter = limiter;
        this.scrubber = SecretScrubber.of(secretToken);
        this.hostPolicy = hostPolicy;
        this.target = target;
        this.reserved = null;
    }

    /**
     * The same client whose requests continue the trace of {@code parent} (a change being applied): each request is
     * a span under it, and its {@code traceparent} header names that span.
     */
    public ScimClient tracedBy(io.opentelemetry.context.Context parent) {
        return new ScimClient(this, telemetry.under(parent), reserved);
    }

    /**
     * The same client whose first request of the reservation's class goes out in the slot taken for it, without
     * waiting; the caller releases the reservation when done (a no-op if it was used).
     */
    public ScimClient using(Reservation reservation) {
        return new ScimClient(this, telemetry, reservation);
    }

    private ScimClient(ScimClient client, ScimTelemetry telemetry, Reservation reserved) {
        this.reserved = reserved;
        this.api = client.api;
        this.authorization = client.authorization;
        this.json = client.json;
        this.limiter = client.limiter;
        this.scrubber = client.scrubber;
        this.hostPolicy = client.hostPolicy;
        this.target = client.target;
        this.telemetry = telemetry;
    }

    /** {@code GET /{type}?filter=...}; groups are asked without members, as Entra does. */
    public Uni<ScimResult> query(String type, String filter) {
        return call(limiter.classify("GET", type, false, 0),
                traceparent -> api.query(type, filter, GROUPS.equals(type) ? "members" : null, null, authorization,
                        traceparent));
    }

    /** {@code GET /{type}?count=n}: any page of resources, to check that the credentials can read. */
    public Uni<ScimResult> firstPage(String type, int count) {
        return call(limiter.classify("GET", type, false, 0),
                traceparent -> api.page(type, count, GROUPS.equals(type) ? "members" : null, authorization,
                        traceparent));
    }

    /**
     * {@code GET /{type}?startIndex=s&count=n}: one page of every resource of the type (groups without members), to
     * read the whole target once.
     */
    public Uni<ScimResult> page(String type, int startIndex, int count) {
        return call(limiter.classify("GET", type, false, 0),
                traceparent -> api.list(type, startIndex, count, GROUPS.equals(type) ? "members" : null,
                        authorization, traceparent));
    }

    /**
     * {@code GET /{type}?startIndex=s&count=n} with every attribute (groups with their members): one page of a
     * reconciliation, which compares the members too.
     */
    public Uni<ScimResult> pageWithMembers(String type, int startIndex, int count) {
        return call(limiter.classify("GET", type, false, 0),
                traceparent -> api.list(type, startIndex, count, null, authorization, traceparent));
    }

    public Uni<ScimResult> get(String type, String id) {
        return call(limiter.classify("GET", type, true, 0),
                traceparent -> api.get(type, id, GROUPS.equals(type) ? "members" : null, authorization,
                        traceparent));
    }

    public Uni<ScimResult> create(String type, JsonNode resource) {
        String body = resource.toString();
        return call(limiter.classify("POST", type, false, utf8Length(body)),
                traceparent -> api.create(type, body, authorization, traceparent));
    }

    public Uni<ScimResult> patch(String type, String id, JsonNode patch) {
        String body = patch.toString();
        return call(limiter.classify("PATCH", type, true, utf8Length(body)),
                traceparent -> api.patch(type, id, body, authorization, traceparent));
    }

    /** A slot for this PATCH taken now, or how long to put it off ({@link TargetRateLimiter#reserve}). */
    public Slot reservePatch(String type, JsonNode patch) {
        return limiter.reserve(limiter.classify("PATCH", type, true, utf8Length(patch.toString())));
    }

    /** A slot for a filter query of {@code type} taken now, or how long to put it off. */
    public Slot reserveQuery(String type) {
        return limiter.reserve(limiter.classify("GET", type, false, 0));
    }

    public Uni<ScimResult> delete(String type, String id) {
        return call(limiter.classify("DELETE", type, true, 0), traceparent -> api.delete(type, id, authorization, traceparent));
    }

    /** The target's request budgets, as they stand now. */
    public TargetRateLimiter limiter() {
        return limiter;
    }

    /** The resources of a ListResponse. */
    public static List<JsonNode> resources(ScimResult.Success success) {
        JsonNode resources = ScimResourceReader.field(success.body(), "Resources");
        if (resources == null || !resources.isArray()) {
            return List.of();
        }
        List<JsonNode> list = new java.util.ArrayList<>();
        resources.forEach(list::add);
        return list;
    }

    private Uni<ScimResult> call(RequestClass requestClass, Function<String, Uni<Response>> request) {
        return send(requestClass, request, 1);
    }

    private Uni<ScimResult> send(RequestClass requestClass, Function<String, Uni<Response>> request, int attempt) {
        return hostPolicy.check(target).chain(verdict -> !verdict.permitted()
                ? Uni.createFrom().item(refused(verdict.reason()))
                : limiter.send(requestClass, reserved, () -> {
                    ScimTelemetry.Request observed = telemetry.start(requestClass, target);
                    return request.apply(observed.traceparent()).map(this::toResult)
                            .onFailure().recoverWithItem(error -> failure(error, scrubber))
                            .invoke(result -> observed.answered(result.status()));
                }))
                .chain(result -> retriesInPlace(requestClass, result, attempt)
                        ? send(requestClass, request, attempt + 1)
                        : Uni.createFrom().item(result));
    }

    /** A 429 is sent again once the limiter's pause is over, unless the target asks for a long wait. */
    private boolean retriesInPlace(RequestClass requestClass, ScimResult result, int attempt) {
        if (!(result instanceof ScimResult.Failure failure) || failure.status() != 429
                || attempt >= THROTTLED_ATTEMPTS || !limiter.policy().budgets().containsKey(requestClass)) {
            return false;
        }
        return failure.retryAfter() == null || failure.retryAfter().compareTo(LONGEST_WAIT_IN_PLACE) <= 0;
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private ScimResult toResult(Response response) {
        try (response) {
            int status = response.getStatus();
            String text = scrubber.scrub(response.hasEntity() ? response.readEntity(String.class) : "");
            JsonNode body = parse(text);
            if (status >= 200 && status < 300) {
                return new ScimResult.Success(status, body);
            }
            String detail = textOf(body, "detail");
            String scimType = textOf(body, "scimType");
            if (detail == null) {
                detail = text.isBlank() ? scrubber.scrub(response.getStatusInfo().getReasonPhrase())
                        : abbreviate(text);
            }
            return new ScimResult.Failure(status, kind(status), errorCode(status), scimType, detail,
                    retryAfter(response.getHeaderString("Retry-After")));
        }
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return json.createObjectNode().put("unparsedBody", abbreviate(text));
        }
    }

    /** A request the target-host policy did not let out. */
    public static ScimResult.Failure refused(String reason) {
        return new ScimResult.Failure(0, ScimResult.FailureKind.PERMANENT, TARGET_HOST_REFUSED, null, reason, null);
    }

    /** The error code of a request the target-host policy did not let out. */
    public static final String TARGET_HOST_REFUSED = "TargetHostRefused";

    /**
     * What a request that got no answer came to: timeout, refused connection, DNS or TLS failure; its message
     * scrubbed of the secrets {@code scrubber} knows.
     */
    public static ScimResult.Failure failure(Throwable error, SecretScrubber scrubber) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof TimeoutException
                || cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SSLException)) {
            cause = cause.getCause();
        }
        String code;
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            code = "Timeout";
        } else if (cause instanceof UnknownHostException) {
            code = "DnsResolutionFailed";
        } else if (cause instanceof SSLException) {
            code = "TlsHandshakeFailed";
        } else if (cause instanceof ConnectException) {
            code = "ConnectionRefused";
        } else {
            code = "WebExceptionProtocolError";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ScimResult.Failure(0, ScimResult.FailureKind.TRANSIENT, code, null, scrubber.scrub(message), null);
    }

    private static ScimResult.FailureKind kind(int status) {
        if (status == 429) {
            return ScimResult.FailureKind.THROTTLED;
        }
        if (status == 401 || status == 403) {
            return ScimResult.FailureKind.CREDENTIALS;
        }
        if (status == 404) {
            return ScimResult.FailureKind.NOT_FOUND;
        }
        if (status >= 500 || status == 408) {
            return ScimResult.FailureKind.TRANSIENT;
        }
        return ScimResult.FailureKind.PERMANENT;
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "InsufficientRights";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 408 -> "Timeout";
            case 409 -> "Conflict";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "UnprocessableEntity";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalServerError";
            case 501 -> "NotImplemented";
            case 503 -> "ServiceUnavailable";
            default -> "HttpStatus" + status;
        };
    }

    private static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String textOf(JsonNode body, String field) {
        JsonNode node = ScimResourceReader.field(body, field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
