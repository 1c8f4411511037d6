package io.scimitar.assignment.paging;

import io.scimitar.assignment.error.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void defaultsAndReadsTheCursor() {
        UUID after = UUID.randomUUID();
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(PageRequest.DEFAULT_LIMIT, null));
        assertThat(PageRequest.of("5", after.toString())).isEqualTo(new PageRequest(5, after));
    }

    @Test
    void refusesALimitOrCursorThatIsNotOneNamingIt() {
        assertThatThrownBy(() -> PageRequest.of("abc", null)).isInstanceOf(MalformedInputException.class)
                .extracting("field").isEqualTo("limit");
        assertThatThrownBy(() -> PageRequest.of("0", null)).extracting("field").isEqualTo("limit");
        assertThatThrownBy(() -> PageRequest.of("1001", null)).extracting("field").isEqualTo("limit");
        assertThatThrownBy(() -> PageRequest.of(null, "not-a-cursor")).isInstanceOf(MalformedInputException.class)
                .extracting("field").isEqualTo("after");
    }
}
