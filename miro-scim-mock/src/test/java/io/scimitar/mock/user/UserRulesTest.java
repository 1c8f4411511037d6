package io.scimitar.mock.user;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class UserRulesTest {

    /** The e-mail rule as Miro's validation states it; {@link UserRules#isEmail} must agree with it on every input. */
    private static final Pattern MIRO_EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    @Test
    void emailCheckAgreesWithMirosPattern() {
        List<String> inputs = List.of("ada@example.com", "a@b.c", "a@b..c", "a@.bc", "a@b.", "a@bc", "@b.c", "a@@b.c",
                "a@b@c.d", "a b@c.d", "a@b.c ", "a\t@b.c", "a@b\n.c", "a@b.c\u000B", "", "a", "a@", ".@b.c", "a.b@c.d.e",
                "a@.b.c", "a@b.c.", "ä@ö.ü", "a@b.c\r", "user+tag@sub.example.co.uk", "a@b\u00A0.c");
        for (String input : inputs) {
            assertThat(UserRules.isEmail(input)).as(input).isEqualTo(MIRO_EMAIL.matcher(input).matches());
        }
    }
}
