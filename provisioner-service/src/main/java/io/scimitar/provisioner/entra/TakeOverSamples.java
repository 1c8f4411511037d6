package io.scimitar.provisioner.entra;

import java.util.List;

/** A few users of each kind of a take-over preview (at most {@link TakeOverTally#SAMPLES} each), for display. */
public record TakeOverSamples(List<TakeOverSample> link, List<TakeOverSample> linkAndUpdate,
        List<TakeOverSample> create, List<TakeOverSample> duplicate) {

    static final TakeOverSamples NONE = new TakeOverSamples(List.of(), List.of(), List.of(), List.of());

    public TakeOverSamples {
        link = List.copyOf(link);
        linkAndUpdate = List.copyOf(linkAndUpdate);
        create = List.copyOf(create);
        duplicate = List.copyOf(duplicate);
    }
}
