package io.scimitar.mock.schema;

import java.util.List;
import java.util.Map;

/** Miro's /ServiceProviderConfig: patch, filter (max 1000) and sort supported; bulk, password change and ETag not. */
public record ServiceProviderConfig(
        List<String> schemas,
        String documentationUri,
        Supported patch,
        Bulk bulk,
        Filter filter,
        Supported changePassword,
        Supported sort,
        Supported etag,
        List<AuthenticationScheme> authenticationSchemes,
        Map<String, String> meta) {

    public record Supported(boolean supported) {
    }

    public record Bulk(boolean supported, int maxOperations, int maxPayloadSize) {
    }

    public record Filter(boolean supported, int maxResults) {
    }

    public record AuthenticationScheme(String type, String name, String description, String specUri, String documentationUri,
                                       boolean primary) {
    }

    public static ServiceProviderConfig miro(int maxResults) {
        return new ServiceProviderConfig(
                List.of("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
                "https://developers.miro.com/docs/scim",
                new Supported(true),
                new Bulk(false, 0, 0),
                new Filter(true, maxResults),
                new Supported(false),
                new Supported(true),
                new Supported(false),
                List.of(new AuthenticationScheme("oauthbearertoken", "OAuth Bearer Token",
                        "Authentication with the SCIM token generated in Miro's Enterprise integrations settings",
                        "https://www.rfc-editor.org/info/rfc6750", "https://developers.miro.com/docs/scim", true)),
                Map.of("resourceType", "ServiceProviderConfig", "location", "/ServiceProviderConfig"));
    }
}
