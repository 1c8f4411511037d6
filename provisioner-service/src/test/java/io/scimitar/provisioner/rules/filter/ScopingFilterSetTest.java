package io.scimitar.provisioner.rules.filter;

import io.scimitar.provisioner.rules.SourceObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scoping filters: every operator with null and empty values, AND/OR, reasons and validation, as Entra does. */
class ScopingFilterSetTest {

    private static final String NULL = "<null>";

    private static SourceObject user(Object value) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("attr", value);
        return SourceObject.of(attributes);
    }

    private static boolean inScope(String operator, String clauseValue, Object attributeValue) {
        ScopingFilterSet set = ScopingFilterSet.ofClauses(
                List.of(List.of(ScopingClause.of("attr", operator, clauseValue))));
        return set.evaluate(user(attributeValue)).inScope();
    }

    @ParameterizedTest(name = "{1} {0} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = NULL, value = {
            "EQUALS                 | Sales      | Sales               | true",
            "EQUALS                 | Sales      | sales               | false",
            "EQUALS                 | Sales      | <null>              | false",
            "EQUALS                 | Sales      | ''                  | false",
            "NOT EQUALS             | Sales      | Marketing           | true",
            "NOT EQUALS             | Sales      | sales               | true",
            "NOT EQUALS             | Sales      | Sales               | false",
            "NOT EQUALS             | Sales      | <null>              | false",
            "NOT EQUALS             | Sales      | ''                  | false",
            "IS TRUE                |            | true                | true",
            "IS TRUE                |            | True                | true",
            "IS TRUE                |            | false               | false",
            "IS TRUE                |            | yes                 | false",
            "IS TRUE                |            | <null>              | false",
            "IS FALSE               |            | False               | true",
            "IS FALSE               |            | true                | false",
            "IS FALSE               |            | <null>              | false",
            "IS NULL                |            | <null>              | true",
            "IS NULL                |            | ''                  | true",
            "IS NULL                |            | x                   | false",
            "IS NOT NULL            |            | x                   | true",
            "IS NOT NULL            |            | <null>              | false",
            "IS NOT NULL            |            | ''                  | false",
            "REGEX MATCH            | .*\\@domain.com | jo@domain.com  | true",
            "REGEX MATCH            | .*\\@domain.com | jo@other.com   | false",
            "REGEX MATCH            | (1[0-9]{6})  | 1234567           | true",
            "REGEX MATCH            | ([1-9][0-9]) | 5                 | false",
            "REGEX MATCH            | ^abc$        | ABC               | false",
            "REGEX MATCH            | .*           | <null>            | false",
            "NOT REGEX MATCH        | .*\\@domain.com | jo@other.com   | true",
            "NOT REGEX MATCH        | .*\\@domain.com | jo@domain.com  | false",
            "NOT REGEX MATCH        | x            | <null>            | false",
            "NOT REGEX MATCH        | x            | ''                | false",
            "Greater_Than           | 1000000      | 1500000           | true",
            "Greater_Than           | 1000000      | 1000000           | false",
            "Greater_Than           | 10           | abc               | false",
            "Greater_Than           | 10           | 10.5              | false",
            "Greater_Than           | 10           | <null>            | false",
            "Greater_Than_OR_EQUALS | 1000000      | 1000000           | true",
            "Greater_Than_OR_EQUALS | 1000000      | 999999            | false",
            "Greater_Than_OR_EQUALS | -5           | -5                | true",
            "Includes               | Eng          | Engineering       | true",
            "Includes               | eng          | Engineering       | false",
            "Includes               | Eng          | <null>            | false",
            "ENDS_WITH              | @contoso.com | jo@contoso.com    | true",
            "ENDS_WITH              | @contoso.com | jo@CONTOSO.com    | false",
            "ENDS_WITH              | @contoso.com | ''                | false",
            "&                      | 2            | 514               | true",
            "&                      | 2            | 512               | false",
            "&                      | Sales,Marketing | Sales          | true",
            "&                      | Sales,Marketing | Finance        | false",
            "&                      | 2            | <null>            | false",
            "!&                     | 2            | 512               | true",
            "!&                     | 2            | 514               | false",
            "!&                     | Sales,Marketing | Finance        | true",
            "!&                     | 2            | <null>            | false",
    })
    void evaluatesEachOperatorLikeEntra(String operator, String clauseValue, String attributeValue, boolean expected) {
        assertThat(inScope(operator, clauseValue, attributeValue)).isEqualTo(expected);
    }

    @Test
    void comparesBooleanAndNumberAttributesByTheirValue() {
        assertThat(inScope("IS TRUE", null, Boolean.TRUE)).isTrue();
        assertThat(inScope("IS FALSE", null, Boolean.FALSE)).isTrue();
        assertThat(inScope("EQUALS", "true", Boolean.TRUE)).isTrue();
        assertThat(inScope("Greater_Than", "10", 11L)).isTrue();
        assertThat(inScope("& ", "2", 514)).isTrue();
    }

    @Test
    void multiValuedAttributesAreNeverInScope() {
        ScopingFilterSet set = ScopingFilterSet.ofClauses(
                List.of(List.of(ScopingClause.of("attr", "IS NOT NULL", null))));
        ScopeDecision decision = set.evaluate(user(List.of("a", "b")));
        assertThat(decision.inScope()).isFalse();
        assertThat(decision.reason()).contains("multi-valued");
    }

    @Test
    void noFiltersMeansEverythingIsInScope() {
        ScopeDecision decision = ScopingFilterSet.compile(List.of()).evaluate(SourceObject.of(Map.of()));
        assertThat(decision.inScope()).isTrue();
        assertThat(decision.reason()).contains("No scoping filters");
        assertThat(ScopingFilterSet.everything().evaluate(SourceObject.of(Map.of())).inScope()).isTrue();
    }

    @Test
    void clausesAreAndedAndFiltersOred() {
        ScopingFilter newYorkEngineers = new ScopingFilter("NY engineers", List.of(
                ScopingClause.of("state", "EQUALS", "New York"),
                ScopingClause.of("department", "EQUALS", "Engineering"),
                ScopingClause.of("employeeId", "Greater_Than_OR_EQUALS", "1000000"),
                ScopingClause.of("jobTitle", "IS NOT NULL", null)));
        ScopingFilter contractors = new ScopingFilter("Contractors", List.of(
                ScopingClause.of("userType", "EQUALS", "Contractor")));
        ScopingFilterSet set = ScopingFilterSet.compile(List.of(newYorkEngineers, contractors));

        SourceObject engineer = SourceObject.of(Map.of("state", "New York", "department", "Engineering",
                "employeeId", "1500000", "jobTitle", "Dev"));
        SourceObject engineerWithoutTitle = SourceObject.of(Map.of("state", "New York", "department", "Engineering",
                "employeeId", "1500000"));
        SourceObject contractor = SourceObject.of(Map.of("state", "Ohio", "userType", "Contractor"));

        ScopeDecision in = set.evaluate(engineer);
        assertThat(in.inScope()).isTrue();
        assertThat(in.reason()).isEqualTo("In scope: all 4 clauses of filter #1 'NY engineers' are true");

        ScopeDecision out = set.evaluate(engineerWithoutTitle);
        assertThat(out.inScope()).isFalse();
        assertThat(out.reason()).contains("filter #1 'NY engineers': clause #4 (jobTitle IS NOT NULL) is false"
                + " because the value is null");
        assertThat(out.reason()).contains("filter #2 'Contractors': clause #1 (userType EQUALS \"Contractor\")");

        assertThat(set.evaluate(contractor).reason()).contains("filter #2 'Contractors'");
    }

    @Test
    void readsAttributeNamesCaseInsensitively() {
        ScopingFilterSet set = ScopingFilterSet.ofClauses(List.of(List.of(
                ScopingClause.of("Department", "EQUALS", "Sales"))));
        assertThat(set.evaluate(SourceObject.of(Map.of("department", "Sales"))).inScope()).isTrue();
    }

    @Test
    void acceptsEntraSpellingsAndEnumNames() {
        assertThat(ScopingOperator.parse("NOT EQUALS")).isEqualTo(ScopingOperator.NOT_EQUALS);
        assertThat(ScopingOperator.parse("NOT_EQUALS")).isEqualTo(ScopingOperator.NOT_EQUALS);
        assertThat(ScopingOperator.parse("greater_than_or_equals")).isEqualTo(ScopingOperator.GREATER_THAN_OR_EQUALS);
        assertThat(ScopingOperator.parse("ENDS WITH")).isEqualTo(ScopingOperator.ENDS_WITH);
        assertThat(ScopingOperator.parse("includes")).isEqualTo(ScopingOperator.INCLUDES);
        assertThat(ScopingOperator.parse("&")).isEqualTo(ScopingOperator.BIT_AND);
        assertThat(ScopingOperator.parse("!&")).isEqualTo(ScopingOperator.NOT_BIT_AND);
        assertThat(ScopingOperator.parse("IS_NOT_NULL")).isEqualTo(ScopingOperator.IS_NOT_NULL);
    }

    @Test
    void rejectsUnknownOperators() {
        assertThatThrownBy(() -> ScopingClause.of("attr", "LESS_THAN", "1"))
                .isInstanceOf(ScopingFilterValidationException.class)
                .hasMessageContaining("'LESS_THAN' is not a scoping operator");
    }

    @Test
    void rejectsInvalidRegexWithTheFilterAndClauseNamed() {
        assertThatThrownBy(() -> ScopingFilterSet.compile(List.of(new ScopingFilter("Bad", List.of(
                ScopingClause.of("mail", "REGEX MATCH", "(unclosed"))))))
                .isInstanceOf(ScopingFilterValidationException.class)
                .hasMessageContaining("filter #1 'Bad'")
                .hasMessageContaining("regular expression \"(unclosed\" of the clause on mail is not valid");
    }

    @Test
    void rejectsNonIntegerGreaterThanValues() {
        assertThatThrownBy(() -> ScopingFilterSet.ofClauses(List.of(List.of(
                ScopingClause.of("employeeId", "Greater_Than", "1.5")))))
                .isInstanceOf(ScopingFilterValidationException.class)
                .hasMessageContaining("needs an integer value but was \"1.5\"");
    }

    @Test
    void rejectsMissingValuesAndEmptyFilters() {
        assertThatThrownBy(() -> ScopingFilterSet.ofClauses(List.of(List.of(
                ScopingClause.of("department", "EQUALS", "")))))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ScopingFilterSet.ofClauses(List.of(List.of())))
                .hasMessageContaining("has no clauses");
    }

    @Test
    void translatesDotNetNamedGroupsInRegexClauses() {
        assertThat(inScope("REGEX MATCH", "^(?<user_name>[a-z]+)@contoso\\.com$", "jo@contoso.com")).isTrue();
    }
}
