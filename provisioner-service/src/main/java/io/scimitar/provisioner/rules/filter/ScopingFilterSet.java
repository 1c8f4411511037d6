package io.scimitar.provisioner.rules.filter;

import io.scimitar.provisioner.rules.SourceObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A mapping's source object scope: filters OR-ed, clauses within a filter AND-ed; no filters means everything is in
 * scope. Immutable and thread-safe.
 */
public final class ScopingFilterSet {

    private static final ScopingFilterSet EVERYTHING = new ScopingFilterSet(List.of(), List.of());

    private final List<ScopingFilter> filters;
    private final List<List<CompiledClause>> compiled;

    private ScopingFilterSet(List<ScopingFilter> filters, List<List<CompiledClause>> compiled) {
        this.filters = filters;
        this.compiled = compiled;
    }

    /** The set with no filters: every object is in scope. */
    public static ScopingFilterSet everything() {
        return EVERYTHING;
    }

    /** Validates the filters; throws {@link ScopingFilterValidationException} naming the filter and the problem. */
    public static ScopingFilterSet compile(List<ScopingFilter> filters) {
        if (filters == null || filters.isEmpty()) {
            return EVERYTHING;
        }
        List<List<CompiledClause>> compiled = new ArrayList<>(filters.size());
        for (int i = 0; i < filters.size(); i++) {
            ScopingFilter filter = filters.get(i);
            if (filter == null || filter.clauses().isEmpty()) {
                throw new ScopingFilterValidationException(describe(filter, i) + " has no clauses");
            }
            List<CompiledClause> clauses = new ArrayList<>(filter.clauses().size());
            for (ScopingClause clause : filter.clauses()) {
                try {
                    clauses.add(new CompiledClause(clause));
                } catch (ScopingFilterValidationException e) {
                    throw new ScopingFilterValidationException(describe(filter, i) + ": " + e.getMessage());
                }
            }
            compiled.add(List.copyOf(clauses));
        }
        return new ScopingFilterSet(List.copyOf(filters), List.copyOf(compiled));
    }

    /** Builds unnamed filters from lists of clauses. */
    public static ScopingFilterSet ofClauses(List<List<ScopingClause>> filters) {
        return compile(filters.stream().map(clauses -> new ScopingFilter(null, clauses)).toList());
    }

    public List<ScopingFilter> filters() {
        return filters;
    }

    /** Whether the object passes, with the filter that let it in, or the first failing clause of every filter. */
    public ScopeDecision evaluate(SourceObject source) {
        if (compiled.isEmpty()) {
            return new ScopeDecision(true, "No scoping filters are configured: every object is in scope");
        }
        List<String> failures = new ArrayList<>(compiled.size());
        for (int i = 0; i < compiled.size(); i++) {
            String failure = firstFailure(compiled.get(i), source);
            if (failure == null) {
                int count = compiled.get(i).size();
                return new ScopeDecision(true, "In scope: " + (count == 1 ? "the clause" : "all " + count + " clauses")
                        + " of " + describe(filters.get(i), i) + " " + (count == 1 ? "is" : "are") + " true");
            }
            failures.add(describe(filters.get(i), i) + ": " + failure);
        }
        return new ScopeDecision(false, "Out of scope: no scoping filter matched. " + String.join("; ", failures));
    }

    private static String firstFailure(List<CompiledClause> clauses, SourceObject source) {
        for (int c = 0; c < clauses.size(); c++) {
            CompiledClause clause = clauses.get(c);
            String failure = clause.failure(source);
            if (failure != null) {
                return "clause #" + (c + 1) + " (" + clause.clause() + ") is false because " + failure;
            }
        }
        return null;
    }

    private static String describe(ScopingFilter filter, int index) {
        String title = filter == null ? null : filter.title();
        return "filter #" + (index + 1) + (title == null || title.isBlank() ? "" : " '" + title + "'");
    }
}
