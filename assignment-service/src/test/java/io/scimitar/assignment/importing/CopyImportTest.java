package io.scimitar.assignment.importing;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A chunk the database could not take because it was gone is never reported as rows it refused. */
class CopyImportTest {

    @Test
    void aLostConnectionOrAServerShuttingDownFailsTheImport() {
        for (String state : new String[] {"08006", "08003", "57P01", "53300"}) {
            assertThatThrownBy(() -> CopyImport.requireDatabaseReachable(new SQLException("gone", state)))
                    .as(state).isInstanceOf(IllegalStateException.class).hasMessageContaining(state);
        }
    }

    @Test
    void aRefusalOfTheRowsLeavesThemToBeReportedOneByOne() {
        for (String state : new String[] {"23505", "23503", "22P02", "P0001", null}) {
            assertThatCode(() -> CopyImport.requireDatabaseReachable(new SQLException("refused", state)))
                    .as(String.valueOf(state)).doesNotThrowAnyException();
        }
    }
}
