package io.mlsyslab.platform.runs;

import io.mlsyslab.platform.errors.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Opaque page tokens: the keyset position of the last run of a page, so paging is stable under inserts. */
final class PageToken {

    private static final String VERSION = "r1";
    /** Positions outside what PostgreSQL's timestamptz holds are not tokens this service issued. */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private PageToken() {}

    static String encode(RunRepository.Cursor cursor) {
        String raw = VERSION + ":" + cursor.createdAt().getEpochSecond() + ":" + cursor.createdAt().getNano() + ":"
                + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static RunRepository.Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown token format");
            }
            Instant created = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (created.isBefore(EARLIEST) || created.isAfter(LATEST)) {
                throw new IllegalArgumentException("position out of range");
            }
            return new RunRepository.Cursor(created, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw ProblemException.badField("pageToken", "not a token this service issued");
        }
    }
}
