package io.scimitar.provisioner.rules.dotnet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .NET regular expressions and replacement syntax translated to java.util.regex. */
class NetRegexTest {

    @Test
    void numbersUnnamedGroupsBeforeNamedGroupsLikeDotNet() {
        NetRegex regex = NetRegex.compile("(?<year>\\d{4})-(\\d{2})-(?<day>\\d{2})");
        assertThat(regex.replace("2024-03-01", "$1|$2|$3|${year}|${day}")).isEqualTo("03|2024|01|2024|01");
    }

    @Test
    void supportsDotNetSubstitutions() {
        NetRegex regex = NetRegex.compile("b");
        assertThat(regex.replace("abc", "[$`|$&|$'|$_|$$|$9|${nope}]")).isEqualTo("a[a|b|c|abc|$|$9|${nope}]c");
    }

    @Test
    void acceptsDotNetGroupNamesAndBackReferences() {
        NetRegex regex = NetRegex.compile("(?'first_name'[a-z]+) \\k<first_name>");
        assertThat(regex.isMatch("bob bob")).isTrue();
        assertThat(regex.firstGroupValue("x bob bob", "first_name")).isEqualTo("bob");
    }

    @Test
    void dropsInlineComments() {
        assertThat(NetRegex.compile("a(?# the letter a)b").isMatch("ab")).isTrue();
    }

    @Test
    void matchesUnicodeDigitsAndWordCharactersLikeDotNet() {
        assertThat(NetRegex.compile("^\\d+$").isMatch("\u0661\u0662")).isTrue();
        assertThat(NetRegex.compile("^\\w+$").isMatch("Zo\u00eb")).isTrue();
    }

    @Test
    void dotDoesNotMatchNewlineButMatchesCarriageReturn() {
        assertThat(NetRegex.compile("^a.b$").isMatch("a\rb")).isTrue();
        assertThat(NetRegex.compile("^a.b$").isMatch("a\nb")).isFalse();
    }

    @Test
    void rejectsConstructsJavaCannotExpress() {
        assertThatThrownBy(() -> NetRegex.compile("[a-z-[aeiou]]")).hasMessageContaining("subtraction");
        assertThatThrownBy(() -> NetRegex.compile("(?<open>a)(?<close-open>b)")).hasMessageContaining("balancing");
        assertThatThrownBy(() -> NetRegex.compile("(?n)(a)")).hasMessageContaining("explicit capture");
        assertThatThrownBy(() -> NetRegex.compile("(abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesUpOnCatastrophicBacktracking() {
        NetRegex regex = NetRegex.compile("(.*a){12}$");
        assertThatThrownBy(() -> regex.isMatch("a".repeat(40) + "b"))
                .isInstanceOf(NetRegex.RegexExecutionException.class)
                .hasMessageContaining("longer than 2 seconds");
    }
}
