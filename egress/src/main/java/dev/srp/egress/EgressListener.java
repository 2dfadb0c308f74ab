package dev.srp.egress;

import dev.srp.contract.SrpException;

/** Progress callbacks, called on the egress consumer thread: keep them short. */
public interface EgressListener {
    /** A frame went into the encoder. */
    default void onFrameWritten(String streamId, long frameIndex) {
    }

    /** A stream's output file is complete and has its final name. */
    default void onStreamFinished(EgressResult result) {
    }

    /** A stream's output could not be written; no file with its final name was left behind. */
    default void onStreamFailed(String streamId, SrpException error) {
    }
}
