package io.scimitar.provisioner.rules.bench;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.UniquenessCheck;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Keeps the benchmark's data honest: the Miro mapping set compiles and produces what Miro expects. */
class MiroMappingFixtureTest {

    @Test
    void miroMappingSetProducesTheExpectedUser() {
        MappingResult result = CompiledMappingSet.compile(MiroMappingFixture.MAPPINGS)
                .evaluate(MiroMappingFixture.USER, EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE), false);

        assertThat(result.values()).containsExactly(
                entry("userName", "ada.lovelace@contoso.com"),
                entry("active", "True"),
                entry("displayName", "Ada Lovelace"),
                entry("name.givenName", "Ada"),
                entry("name.familyName", "Lovelace"),
                entry("emails[type eq \"work\"].value", "ada.lovelace@contoso.com"),
                entry("title", "Analyst"),
                entry("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "Engineering"),
                entry("roles[primary eq \"True\"].value", "Member"),
                entry("externalId", "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"));
        assertThat(ScopingFilterSet.compile(MiroMappingFixture.SCOPING_FILTERS).evaluate(MiroMappingFixture.USER)
                .inScope()).isTrue();
    }

    @Test
    void compiledMappingSetIsSafeToShareBetweenThreads() throws Exception {
        CompiledMappingSet mappings = CompiledMappingSet.compile(MiroMappingFixture.MAPPINGS);
        EvaluationEnvironment environment = EvaluationEnvironment.system(UniquenessCheck.ALWAYS_UNIQUE);
        MappingResult expected = mappings.evaluate(MiroMappingFixture.USER, environment, true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!mappings.evaluate(MiroMappingFixture.USER, environment, true).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
