package io.scimitar.provisioner.entra;

/**
 * One thing of an imported synchronization schema that Scimitar did not take as Entra means it: where it is in the
 * document (a JSON pointer, RFC 6901), what it is, whether it was left out or taken with a difference, and why.
 */
public record ImportReportItem(String pointer, Outcome outcome, String item, String reason) {

    /** What became of the item. */
    public enum Outcome {
        /** Left out: the job has nothing for it. */
        NOT_CARRIED_OVER,
        /** Taken, but Scimitar will not do exactly what Entra did (the reason says how it differs). */
        CARRIED_OVER_WITH_DIFFERENCE
    }

    static ImportReportItem dropped(String pointer, String item, String reason) {
        return new ImportReportItem(pointer, Outcome.NOT_CARRIED_OVER, item, reason);
    }

    static ImportReportItem changed(String pointer, String item, String reason) {
        return new ImportReportItem(pointer, Outcome.CARRIED_OVER_WITH_DIFFERENCE, item, reason);
    }
}
