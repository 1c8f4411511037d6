package io.scimitar.assignment.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LikePatternsTest {

    @Test
    void escapesTheWildcardsAndTheEscapeCharacterAndLowersTheText() {
        assertThat(LikePatterns.startsWith("Ada")).isEqualTo("ada%");
        assertThat(LikePatterns.startsWith("%")).isEqualTo("\\%%");
        assertThat(LikePatterns.startsWith("a_b\\c")).isEqualTo("a\\_b\\\\c%");
        assertThat(LikePatterns.startsWith("")).isEqualTo("%");
    }
}
