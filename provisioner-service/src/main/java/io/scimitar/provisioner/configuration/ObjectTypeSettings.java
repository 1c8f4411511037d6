package io.scimitar.provisioner.configuration;

import io.scimitar.provisioner.rules.filter.ScopingClause;
import io.scimitar.provisioner.rules.filter.ScopingFilter;
import io.scimitar.provisioner.rules.filter.ScopingFilterValidationException;
import io.scimitar.provisioner.rules.mapping.AttributeMappingDefinition;

import java.util.List;

/**
 * The settings of one object type (users or groups) of a job: whether it is provisioned, which target actions are
 * allowed, its attribute mappings and its scoping filters (filters OR-ed, clauses within one AND-ed).
 */
public record ObjectTypeSettings(boolean enabled, boolean create, boolean update, boolean delete,
        List<AttributeMappingDefinition> mappings, List<ScopingFilterSettings> scopingFilters) {

    public ObjectTypeSettings {
        mappings = mappings == null ? List.of() : List.copyOf(mappings);
        scopingFilters = scopingFilters == null ? List.of() : List.copyOf(scopingFilters);
    }

    /** One scoping filter as configured: a title and its clauses. */
    public record ScopingFilterSettings(String title, List<ScopingClauseSettings> clauses) {
        public ScopingFilterSettings {
            clauses = clauses == null ? List.of() : List.copyOf(clauses);
        }

        /** The filter for the rules engine; an unknown or missing operator is a {@link ScopingFilterValidationException}. */
        public ScopingFilter toFilter() {
            return new ScopingFilter(title, clauses.stream().map(clause -> {
                if (clause == null) {
                    throw new ScopingFilterValidationException("A scoping clause is missing");
                }
                return ScopingClause.of(clause.attribute(), clause.operator(), clause.value());
            }).toList());
        }
    }

    /** One clause as configured, with the operator as Entra spells it ("EQUALS", "NOT EQUALS", "&", ...). */
    public record ScopingClauseSettings(String attribute, String operator, String value) {
    }
}
