package io.scimitar.assignment.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRulesTest {

    @Test
    void allowsOrdinaryTextTabsNewlinesAndCharactersBeyondTheBasicPlane() {
        assertThat(TextRules.problem("Ada Lovelace")).isNull();
        assertThat(TextRules.problem("line one\nline two\r\n\tindented")).isNull();
        assertThat(TextRules.problem("Zoë \uD83D\uDE00 東京")).isNull();
        assertThat(TextRules.problem(null)).isNull();
    }

    @Test
    void refusesNulAndOtherControlCharacters() {
        assertThat(TextRules.problem("a\u0000b")).contains("NUL");
        assertThat(TextRules.problem("bell\u0007")).contains("control characters");
        assertThat(TextRules.problem("escape\u001b[31m")).contains("control characters");
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThat(TextRules.problem("\uD800")).contains("unpaired surrogate");
        assertThat(TextRules.problem("x\uD800y")).contains("unpaired surrogate");
        assertThat(TextRules.problem("\uDC00x")).contains("unpaired surrogate");
        assertThat(TextRules.problem("\uDE00\uD83D")).contains("unpaired surrogate");
    }
}
