package io.scimitar.assignment.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An application as the API returns it; {@code version} is also sent as the ETag. */
public record ApplicationResponse(UUID id, String displayName, boolean publishUnassigned,
        List<AppRoleResponse> appRoles, Instant createdDateTime, Instant modifiedDateTime, long version) {

    /** One app role. */
    public record AppRoleResponse(UUID id, String value, String displayName, String description,
            boolean defaultAccess) {
    }

    public static ApplicationResponse of(Application a) {
        return new ApplicationResponse(a.id(), a.displayName(), a.publishUnassigned(),
                a.appRoles().stream().map(ApplicationResponse::role).toList(), a.createdDateTime(),
                a.modifiedDateTime(), a.rowVersion());
    }

    public static AppRoleResponse role(AppRole r) {
        return new AppRoleResponse(r.id(), r.value(), r.displayName(), r.description(), r.defaultAccess());
    }
}
