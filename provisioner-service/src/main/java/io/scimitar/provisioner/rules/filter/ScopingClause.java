package io.scimitar.provisioner.rules.filter;

/** One condition of a scoping filter: source attribute, operator and the value to compare with. */
public record ScopingClause(String attribute, ScopingOperator operator, String value) {

    /** A clause with the operator written as Entra writes it ("NOT EQUALS", "Greater_Than", "&"). */
    public static ScopingClause of(String attribute, String operator, String value) {
        return new ScopingClause(attribute, ScopingOperator.parse(operator), value);
    }

    @Override
    public String toString() {
        return attribute + " " + operator.entraName() + (operator.needsValue() ? " \"" + value + "\"" : "");
    }
}
