package dev.srp.egress;

/** Why a record went to the dead-letter topic; the label is both the header value and the metric label. */
enum DeadLetterReason {
    /** The bytes are not a message this build can decode. */
    MALFORMED("malformed"),
    /** A well-formed message that does not belong where it was found, e.g. a frame beyond its stream's end. */
    FOREIGN("foreign");

    private final String label;

    DeadLetterReason(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
