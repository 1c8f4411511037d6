package io.scimitar.mock.admin;

import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The W3C {@code traceparent} headers of the last {@link #KEPT} SCIM requests that carried one, so that a test can
 * see that the provisioner's trace reached the target.
 */
@Singleton
public class ReceivedTraceparents {

    static final int KEPT = 1000;

    private final ArrayDeque<String> recent = new ArrayDeque<>();

    /** Keeps the header's value, when there is one (at most 55 characters, as the W3C format has). */
    public void received(String traceparent) {
        if (traceparent == null || traceparent.length() > 55) {
            return;
        }
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(traceparent);
        }
    }

    /** The values kept, oldest first. */
    public List<String> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    public void clear() {
        synchronized (recent) {
            recent.clear();
        }
    }
}
