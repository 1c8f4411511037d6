package io.scimitar.assignment.user;

import java.util.List;
import java.util.Map;

/**
 * The writable attributes of a user, as a create body, the result of a merge patch, or one import row.
 * {@code id} may be given on create (e.g. to keep a source GUID); it is generated otherwise.
 */
public record UserRequest(
        String id,
        String userPrincipalName,
        String mail,
        String mailNickname,
        String givenName,
        String surname,
        String displayName,
        String jobTitle,
        String department,
        String companyName,
        String employeeId,
        String employeeType,
        String officeLocation,
        String city,
        String country,
        String usageLocation,
        String mobilePhone,
        List<String> businessPhones,
        String preferredLanguage,
        Boolean accountEnabled,
        String managerId,
        Map<String, Object> extensionAttributes) {
}
