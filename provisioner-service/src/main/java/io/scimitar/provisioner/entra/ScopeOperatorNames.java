package io.scimitar.provisioner.entra;

import io.scimitar.provisioner.rules.filter.ScopingOperator;

import java.util.Locale;
import java.util.Optional;

/**
 * A scoping clause's {@code operatorName} as a synchronization schema writes it and Scimitar's operator: the portal's
 * spelling ("NOT EQUALS", "Greater_Than", "&"), Graph's upper-case one ("NOT_EQUALS", "IS_NOT_NULL") and the one
 * without separators ("ISNOTNULL") all read the same; the export writes the portal's spelling, as Entra's
 * provisioning documentation names the operators (and as a job's own scoping filters keep them).
 */
final class ScopeOperatorNames {

    private ScopeOperatorNames() {
    }

    static Optional<ScopingOperator> read(String operatorName) {
        if (operatorName == null) {
            return Optional.empty();
        }
        String wanted = squash(operatorName);
        for (ScopingOperator operator : ScopingOperator.values()) {
            if (squash(operator.entraName()).equals(wanted) || squash(operator.name()).equals(wanted)) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    static String write(ScopingOperator operator) {
        return operator.entraName();
    }

    private static String squash(String name) {
        return name.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s_]+", "");
    }
}
