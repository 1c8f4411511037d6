package io.scimitar.provisioner.ratelimit;

import java.time.Duration;

/**
 * What asking a budget for a slot at once came to, decided in one atomic step: the slot is taken for the caller
 * ({@link Reserved}), or there is none now and the caller learns how long it should put the request off
 * ({@link Later}).
 */
public sealed interface Slot {

    /** The slot is the caller's: send through it, or release it. */
    record Reserved(Reservation reservation) implements Slot {
    }

    /** No slot now; {@code after} is the earliest a slot may free (zero when others are waiting ahead). */
    record Later(Duration after) implements Slot {
    }
}
