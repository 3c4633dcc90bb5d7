package io.mlsyslab.network.wireless.video;

import io.mlsyslab.contract.FieldErrorException;

/** Frame types in priority order: I (intra, everyone depends on it) > P (predicted, referenced) > B (not referenced). */
public enum FrameType {
    I, P, B;

    public static FrameType of(char c) {
        return switch (c) {
            case 'I' -> I;
            case 'P' -> P;
            case 'B' -> B;
            default -> throw new FieldErrorException("gop", "unknown frame type '" + c + "'");
        };
    }

    public boolean anchor() {
        return this != B;
    }
}
