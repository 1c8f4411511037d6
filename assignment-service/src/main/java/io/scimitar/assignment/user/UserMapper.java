package io.scimitar.assignment.user;

import io.scimitar.events.UserSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Converts users between the stored form, the wire records and the event snapshot. */
public final class UserMapper {

    private UserMapper() {
    }

    public static UserResponse toResponse(User u) {
        return new UserResponse(u.id(), u.userPrincipalName(), u.mail(), u.mailNickname(), u.givenName(), u.surname(),
                u.displayName(), u.jobTitle(), u.department(), u.companyName(), u.employeeId(), u.employeeType(),
                u.officeLocation(), u.city(), u.country(), u.usageLocation(), u.mobilePhone(), u.businessPhones(),
                u.preferredLanguage(), u.accountEnabled(), u.managerId(), u.extensionAttributes(),
                u.createdDateTime(), u.modifiedDateTime(), u.deletedDateTime(), u.rowVersion());
    }

    public static UserRequest toRequest(User u) {
        return new UserRequest(u.id().toString(), u.userPrincipalName(), u.mail(), u.mailNickname(), u.givenName(),
                u.surname(), u.displayName(), u.jobTitle(), u.department(), u.companyName(), u.employeeId(),
                u.employeeType(), u.officeLocation(), u.city(), u.country(), u.usageLocation(), u.mobilePhone(),
                u.businessPhones(), u.preferredLanguage(), u.accountEnabled(),
                u.managerId() == null ? null : u.managerId().toString(), u.extensionAttributes());
    }

    /** A validated request as a user; times and version are filled in by the repository. */
    public static User fromRequest(UUID id, UserRequest r, Instant created, Instant modified, Instant deleted,
            long rowVersion) {
        return new User(id, r.userPrincipalName().trim(), r.mail(), r.mailNickname(), r.givenName(), r.surname(),
                r.displayName(), r.jobTitle(), r.department(), r.companyName(), r.employeeId(), r.employeeType(),
                r.officeLocation(), r.city(), r.country(), r.usageLocation(), r.mobilePhone(),
                r.businessPhones() == null ? List.of() : List.copyOf(r.businessPhones()), r.preferredLanguage(),
                r.accountEnabled() == null || r.accountEnabled(),
                r.managerId() == null ? null : UUID.fromString(r.managerId()),
                r.extensionAttributes() == null ? Map.of() : r.extensionAttributes(), created, modified, deleted,
                rowVersion);
    }

    public static UserSnapshot toSnapshot(User u) {
        return new UserSnapshot(u.id().toString(), u.userPrincipalName(), u.mail(), u.mailNickname(), u.givenName(),
                u.surname(), u.displayName(), u.jobTitle(), u.department(), u.companyName(), u.employeeId(),
                u.employeeType(), u.officeLocation(), u.city(), u.country(), u.usageLocation(), u.mobilePhone(),
                u.businessPhones(), u.preferredLanguage(), u.accountEnabled(),
                u.managerId() == null ? null : u.managerId().toString(), u.extensionAttributes(),
                u.createdDateTime(), u.modifiedDateTime(), u.deletedDateTime());
    }
}
