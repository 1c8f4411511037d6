package io.scimitar.provisioner.error;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryNumbersTest {

    @Test
    void readsAWholeNumberInRangeAndNamesTheParameterOtherwise() {
        List<Problem.FieldError> errors = new ArrayList<>();

        assertThat(QueryNumbers.parse("limit", " 20 ", 1, 1000, errors)).isEqualTo(20L);
        assertThat(QueryNumbers.parse("limit", null, 1, 1000, errors)).isNull();
        assertThat(errors).isEmpty();

        for (String bad : List.of("ten", "1.5", "0", "1001", "99999999999999999999", "\u0000")) {
            assertThat(QueryNumbers.parse("limit", bad, 1, 1000, errors)).as(bad).isNull();
        }
        assertThat(errors).hasSize(6).allSatisfy(error -> assertThat(error)
                .isEqualTo(new Problem.FieldError("limit", "must be a whole number from 1 to 1000", null)));
    }
}
