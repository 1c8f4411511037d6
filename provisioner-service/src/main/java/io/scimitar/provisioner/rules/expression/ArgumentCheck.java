package io.scimitar.provisioner.rules.expression;

import java.util.List;

/** A parse-time rule on a function's arguments beyond their count (for example "must be [appRoleAssignments]"). */
@FunctionalInterface
public interface ArgumentCheck {

    ArgumentCheck NONE = (arguments, position) -> { };

    /** Throws {@link ExpressionParseException} when the arguments cannot work. */
    void check(List<ExpressionNode> arguments, int position);
}
