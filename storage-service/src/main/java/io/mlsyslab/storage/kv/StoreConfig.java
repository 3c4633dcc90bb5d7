package io.mlsyslab.storage.kv;

import java.nio.file.Path;

/**
 * Geometry and policy of a store. Page size, block size and channel count are fixed when a store is created and
 * read back from its manifest afterwards (a reopened store keeps its own geometry).
 *
 * @param dir                  directory holding {@code manifest.log} and {@code channel-<c>.dat}
 * @param channels             emulated flash channels (one file each), 1..64
 * @param pageSize             page size in bytes, a power of two in [512, 1 MiB]
 * @param blockPages           pages per erase block, 1..65536
 * @param compactLiveFraction  a full block whose live share is at most this is compacted, in [0, 1)
 * @param checkpointBytes      the manifest is rewritten as a snapshot once it grows past this many bytes
 */
public record StoreConfig(Path dir, int channels, int pageSize, int blockPages, double compactLiveFraction,
                          long checkpointBytes) {
    public StoreConfig {
        if (dir == null) {
            throw new IllegalArgumentException("dataDir: must be set");
        }
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels: must be in [1, 64], was " + channels);
        }
        if (pageSize < 512 || pageSize > (1 << 20) || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("pageSize: must be a power of two in [512, 1048576], was " + pageSize);
        }
        if (blockPages < 1 || blockPages > 65536) {
            throw new IllegalArgumentException("blockPages: must be in [1, 65536], was " + blockPages);
        }
        if (!(compactLiveFraction >= 0 && compactLiveFraction < 1)) {
            throw new IllegalArgumentException("compactLiveFraction: must be in [0, 1), was " + compactLiveFraction);
        }
        if (checkpointBytes < 1 << 20) {
            throw new IllegalArgumentException("checkpointBytes: must be >= 1 MiB, was " + checkpointBytes);
        }
    }

    /** Defaults from the paper: 8 channels, 4 KiB pages, 256-page erase blocks. */
    public static StoreConfig defaults(Path dir) {
        return new StoreConfig(dir, 8, 4096, 256, 0.25, 256L << 20);
    }

    public StoreConfig withGeometry(int channels, int pageSize, int blockPages) {
        return new StoreConfig(dir, channels, pageSize, blockPages, compactLiveFraction, checkpointBytes);
    }
}
