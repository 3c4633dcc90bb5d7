package io.mlsyslab.inference.structured;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. The first continuation byte
 * of some lead bytes has a narrower range than 0x80..0xBF; that is how the strictness is enforced byte by byte.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Continuation bytes after lead byte {@code b}: 0 for ASCII, 1..3, or -1 when {@code b} cannot start one. */
    static int continuations(int b) {
        if (b < 0x80) {
            return 0;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return 1;
        }
        if (b >= 0xE0 && b <= 0xEF) {
            return 2;
        }
        if (b >= 0xF0 && b <= 0xF4) {
            return 3;
        }
        return -1;
    }

    /** The lowest allowed first continuation byte after lead {@code b}. */
    static int firstLow(int b) {
        return b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    }

    /** The highest allowed first continuation byte after lead {@code b}. */
    static int firstHigh(int b) {
        return b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    }

    /** The payload bits of lead byte {@code b}. */
    static int leadBits(int b) {
        return b < 0xE0 ? b & 0x1F : b < 0xF0 ? b & 0x0F : b & 0x07;
    }

    /**
     * Code points in {@code bytes} if they are complete strict UTF-8 with no byte that a JSON string must escape
     * ({@code "}, {@code \}, controls below 0x20); else -1. Such a token can follow any clean string state.
     */
    static int plainStringChars(byte[] bytes) {
        int chars = 0;
        for (int i = 0; i < bytes.length; ) {
            int b = bytes[i] & 0xff;
            int n = continuations(b);
            if (n < 0 || b < 0x20 || b == '"' || b == '\\' || i + n >= bytes.length) {
                return -1;
            }
            for (int k = 1; k <= n; k++) {
                int c = bytes[i + k] & 0xff;
                int lo = k == 1 ? firstLow(b) : 0x80, hi = k == 1 ? firstHigh(b) : 0xBF;
                if (c < lo || c > hi) {
                    return -1;
                }
            }
            chars++;
            i += n + 1;
        }
        return chars;
    }
}
