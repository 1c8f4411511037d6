package io.scimitar.provisioner.mapping;

import io.scimitar.events.GroupAssignmentEvent;
import io.scimitar.events.GroupSnapshot;
import io.scimitar.events.RoleAssignment;
import io.scimitar.events.UserAssignmentEvent;
import io.scimitar.events.UserSnapshot;
import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.scimitar.provisioner.rules.SourceObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Presents a source user or group from an event under the attribute names Entra's mappings use. */
public final class SourceObjects {

    private SourceObjects() {
    }

    /**
     * @param softDeleted Entra's computed {@code IsSoftDeleted}: unassigned, out of scope, disabled or soft-deleted
     */
    public static SourceObject user(UserAssignmentEvent event, boolean softDeleted) {
        return SourceObject.of(userAttributes(event.user(), softDeleted), appRoles(event.roles()));
    }

    /** A user's attributes under Entra's names (also the console's sample user: one conversion for both). */
    public static Map<String, Object> userAttributes(UserSnapshot user, boolean softDeleted) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("objectId", user.id());
        attributes.put("userPrincipalName", user.userPrincipalName());
        attributes.put("mail", user.mail());
        attributes.put("mailNickname", user.mailNickname());
        attributes.put("givenName", user.givenName());
        attributes.put("surname", user.surname());
        attributes.put("displayName", user.displayName());
        attributes.put("jobTitle", user.jobTitle());
        attributes.put("department", user.department());
        attributes.put("companyName", user.companyName());
        attributes.put("employeeId", user.employeeId());
        attributes.put("employeeType", user.employeeType());
        attributes.put("physicalDeliveryOfficeName", user.officeLocation());
        attributes.put("officeLocation", user.officeLocation());
        attributes.put("city", user.city());
        attributes.put("country", user.country());
        attributes.put("usageLocation", user.usageLocation());
        attributes.put("mobile", user.mobilePhone());
        attributes.put("telephoneNumber", user.businessPhones().isEmpty() ? null : user.businessPhones().get(0));
        attributes.put("businessPhones", user.businessPhones().isEmpty() ? null : List.copyOf(user.businessPhones()));
        attributes.put("preferredLanguage", user.preferredLanguage());
        attributes.put("accountEnabled", user.accountEnabled());
        attributes.put("manager", user.managerId());
        attributes.put("IsSoftDeleted", softDeleted);
        user.extensionAttributes().forEach(attributes::put);
        return attributes;
    }

    public static SourceObject group(GroupAssignmentEvent event, boolean softDeleted) {
        GroupSnapshot group = event.group();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("objectId", group.id());
        attributes.put("displayName", group.displayName());
        attributes.put("mailNickname", group.mailNickname());
        attributes.put("description", group.description());
        attributes.put("securityEnabled", group.securityEnabled());
        attributes.put("IsSoftDeleted", softDeleted);
        return SourceObject.of(attributes, appRoles(event.roles()));
    }

    /** The app roles an event gives, each held directly ({@code User}) or through a group ({@code Group}). */
    public static List<AppRoleAssignment> appRoles(List<RoleAssignment> roles) {
        return roles.stream()
                .map(role -> new AppRoleAssignment(role.appRoleId(), role.value(), role.displayName(),
                        role.viaGroupId(), role.viaGroupId() == null ? "User" : "Group"))
                .toList();
    }
}
