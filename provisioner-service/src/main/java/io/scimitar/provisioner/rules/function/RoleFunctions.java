package io.scimitar.provisioner.rules.function;

import io.scimitar.provisioner.rules.AppRoleAssignment;
import io.scimitar.provisioner.rules.expression.ArgumentCheck;
import io.scimitar.provisioner.rules.expression.AttributeReference;
import io.scimitar.provisioner.rules.expression.ExpressionParseException;
import io.scimitar.provisioner.rules.expression.FunctionArguments;
import io.scimitar.provisioner.rules.expression.FunctionDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** SingleAppRoleAssignment, AppRoleAssignmentsComplex and AssertiveAppRoleAssignmentsComplex. */
final class RoleFunctions {

    static final String APP_ROLE_ASSIGNMENTS = "appRoleAssignments";

    private static final ArgumentCheck REQUIRES_APP_ROLE_ASSIGNMENTS = (arguments, position) -> {
        if (!(arguments.get(0) instanceof AttributeReference reference)
                || !reference.name().equalsIgnoreCase(APP_ROLE_ASSIGNMENTS)) {
            throw new ExpressionParseException("The argument must be [appRoleAssignments]",
                    arguments.get(0).position());
        }
    };

    private RoleFunctions() {
    }

    static List<FunctionDefinition> definitions() {
        return List.of(
                FunctionDefinition.of("SingleAppRoleAssignment", 1, 1, RoleFunctions::single)
                        .withCheck(REQUIRES_APP_ROLE_ASSIGNMENTS),
                FunctionDefinition.of("AppRoleAssignmentsComplex", 1, 1,
                        args -> complex(args, RoleList.PatchMode.ADD)).withCheck(REQUIRES_APP_ROLE_ASSIGNMENTS),
                FunctionDefinition.of("AssertiveAppRoleAssignmentsComplex", 1, 1,
                        args -> complex(args, RoleList.PatchMode.REPLACE)).withCheck(REQUIRES_APP_ROLE_ASSIGNMENTS));
    }

    /** The role value (display name when the role has no value) of the first assignment; null when unassigned. */
    private static Object single(FunctionArguments args) {
        List<AppRoleAssignment> assignments = args.context().source().appRoleAssignments();
        if (assignments.isEmpty()) {
            return null;
        }
        AppRoleAssignment first = assignments.get(0);
        return first.value() != null && !first.value().isEmpty() ? first.value() : first.displayName();
    }

    /** Every distinct assigned role, none primary, as Entra sends them. */
    private static Object complex(FunctionArguments args, RoleList.PatchMode mode) {
        List<ScimRole> roles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AppRoleAssignment assignment : args.context().source().appRoleAssignments()) {
            String key = assignment.appRoleId() != null ? assignment.appRoleId() : assignment.value();
            if (seen.add(String.valueOf(key))) {
                roles.add(new ScimRole(assignment.value(), assignment.displayName(), ScimRole.ENTRA_ROLE_TYPE, false,
                        assignment.appRoleId()));
            }
        }
        return new RoleList(roles, mode);
    }
}
