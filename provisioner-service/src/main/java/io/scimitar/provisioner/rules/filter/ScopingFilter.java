package io.scimitar.provisioner.rules.filter;

import java.util.List;

/** A named scoping filter: its clauses must all be true (AND). */
public record ScopingFilter(String title, List<ScopingClause> clauses) {

    public ScopingFilter {
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    public static ScopingFilter of(ScopingClause... clauses) {
        return new ScopingFilter(null, List.of(clauses));
    }
}
