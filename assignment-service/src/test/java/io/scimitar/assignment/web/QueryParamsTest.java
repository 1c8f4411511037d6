package io.scimitar.assignment.web;

import io.scimitar.assignment.error.MalformedInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    @Test
    void readsWellFormedValuesAndTreatsAbsentAsNull() {
        assertThat(QueryParams.integer("limit", "25")).isEqualTo(25);
        assertThat(QueryParams.integer("limit", null)).isNull();
        assertThat(QueryParams.bool("accountEnabled", "FALSE")).isFalse();
        assertThat(QueryParams.bool("accountEnabled", null)).isNull();
        assertThat(QueryParams.flag("deleted", "true")).isTrue();
        assertThat(QueryParams.text("displayNameStartsWith", "50% off")).isEqualTo("50% off");
    }

    @Test
    void refusesMalformedValuesNamingTheParameter() {
        assertThatThrownBy(() -> QueryParams.integer("limit", "ten")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("'limit'").extracting("field").isEqualTo("limit");
        assertThatThrownBy(() -> QueryParams.bool("accountEnabled", "maybe"))
                .hasMessageContaining("'accountEnabled' must be true or false");
        assertThatThrownBy(() -> QueryParams.uuid("principalId", "nope")).hasMessageContaining("'principalId'");
        assertThatThrownBy(() -> QueryParams.text("displayNameStartsWith", "\u0000"))
                .hasMessageContaining("'displayNameStartsWith'").hasMessageContaining("NUL");
        assertThatThrownBy(() -> QueryParams.text("department", "x".repeat(257)))
                .hasMessageContaining("at most 256");
    }
}
