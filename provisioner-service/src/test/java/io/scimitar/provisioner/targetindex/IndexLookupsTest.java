package io.scimitar.provisioner.targetindex;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Lookups made while one is out go out together in one query, each answered with its own hits. */
class IndexLookupsTest {

    private static final UUID USERS = UUID.randomUUID();
    private static final UUID GROUPS = UUID.randomUUID();

    private final List<Query> queries = new ArrayList<>();
    private final IndexLookups lookups = new IndexLookups((readId, attributes, values) ->
            Uni.createFrom().emitter(emitter -> queries.add(new Query(readId, attributes, values, emitter))));

    @Test
    void aLoneLookupGoesOutAtOnce() {
        CompletableFuture<List<IndexHit>> alone = lookup(USERS, "ada");

        assertThat(queries).singleElement().satisfies(query -> assertThat(query.values()).containsExactly("ada"));
        queries.get(0).answer(List.of(hit("ada", "t-ada")));
        assertThat(alone).isCompletedWithValue(List.of(hit("ada", "t-ada")));
    }

    @Test
    void lookupsMadeWhileOneIsOutGoTogetherInTheNextQueryEachWithItsOwnHits() {
        CompletableFuture<List<IndexHit>> first = lookup(USERS, "ada");
        CompletableFuture<List<IndexHit>> second = lookup(USERS, "bob");
        CompletableFuture<List<IndexHit>> third = lookup(USERS, "cy");
        CompletableFuture<List<IndexHit>> again = lookup(USERS, "bob");

        assertThat(queries).as("the others wait for the one out").hasSize(1);
        queries.get(0).answer(List.of());
        assertThat(first).isCompletedWithValue(List.of());

        assertThat(queries).hasSize(2);
        assertThat(queries.get(1).values()).as("one query for all that waited, each value once")
                .containsExactly("bob", "cy");
        assertThat(second).isNotDone();
        queries.get(1).answer(List.of(hit("bob", "t-bob")));
        assertThat(second).isCompletedWithValue(List.of(hit("bob", "t-bob")));
        assertThat(again).isCompletedWithValue(List.of(hit("bob", "t-bob")));
        assertThat(third).isCompletedWithValue(List.of());
        assertThat(queries).as("nothing left to send").hasSize(2);

        lookup(USERS, "dee");
        assertThat(queries).as("none out any more: goes at once").hasSize(3);
    }

    @Test
    void eachReadIsGatheredApart() {
        lookup(USERS, "ada");
        lookup(GROUPS, "Sales");

        assertThat(queries).extracting(Query::readId).containsExactly(USERS, GROUPS);
    }

    @Test
    void aFailedQueryFailsItsLookupsAndTheWaitingOnesStillGo() {
        CompletableFuture<List<IndexHit>> first = lookup(USERS, "ada");
        CompletableFuture<List<IndexHit>> waiting = lookup(USERS, "bob");

        queries.get(0).emitter().fail(new IllegalStateException("database down"));

        assertThat(first).isCompletedExceptionally();
        assertThat(queries).hasSize(2);
        queries.get(1).answer(List.of());
        assertThat(waiting).isCompletedWithValue(List.of());
    }

    private CompletableFuture<List<IndexHit>> lookup(UUID readId, String value) {
        return lookups.lookup(readId, List.of("userName"), List.of(value)).subscribeAsCompletionStage();
    }

    private static IndexHit hit(String value, String targetId) {
        return new IndexHit("userName", value, targetId, "{}");
    }

    private record Query(UUID readId, List<String> attributes, List<String> values,
            UniEmitter<? super List<IndexHit>> emitter) {
        void answer(List<IndexHit> hits) {
            emitter.complete(hits);
        }
    }
}
