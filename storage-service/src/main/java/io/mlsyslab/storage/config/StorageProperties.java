package io.mlsyslab.storage.config;

import io.mlsyslab.storage.kv.StoreConfig;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mlsyslab.storage.*}: where and how the KV store keeps its data, and the compute pool of in-storage
 * attention.
 *
 * @param dataDir             directory of the manifest and channel files (env {@code STORAGE_DATA_DIR})
 * @param channels            emulated flash channels (files) for a new store
 * @param pageSize            page bytes for a new store
 * @param blockPages          pages per erase block for a new store
 * @param compactLiveFraction full blocks with at most this live share are compacted
 * @param checkpointBytes     manifest size that triggers a snapshot rewrite
 * @param computeThreads      threads of the attention compute pool (not Tomcat's request threads)
 */
@ConfigurationProperties("mlsyslab.storage")
public record StorageProperties(Path dataDir, @DefaultValue("8") int channels, @DefaultValue("4096") int pageSize,
                                @DefaultValue("256") int blockPages,
                                @DefaultValue("0.25") double compactLiveFraction,
                                @DefaultValue("268435456") long checkpointBytes,
                                @DefaultValue("2") int computeThreads) {
    public StorageProperties {
        if (computeThreads < 1 || computeThreads > 1024) {
            throw new IllegalArgumentException("computeThreads: must be in [1, 1024], was " + computeThreads);
        }
    }

    StoreConfig storeConfig() {
        return new StoreConfig(dataDir, channels, pageSize, blockPages, compactLiveFraction, checkpointBytes);
    }
}
