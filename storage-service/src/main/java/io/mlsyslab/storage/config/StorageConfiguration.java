package io.mlsyslab.storage.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.kernel.NativePagedAttention;
import io.mlsyslab.storage.attention.InStorageAttention;
import io.mlsyslab.storage.kv.KvStore;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store, its attention engine and compute threads, and the store's meters. */
@Configuration
@EnableConfigurationProperties(StorageProperties.class)
public class StorageConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    KvStore kvStore(StorageProperties props) throws IOException {
        return KvStore.open(props.storeConfig());
    }

    /** The attention compute pool, sized by {@code mlsyslab.storage.compute-threads}. */
    @Bean(destroyMethod = "close")
    ComputePool storageComputePool(StorageProperties props) {
        return new ComputePool(props.computeThreads());
    }

    /**
     * Platform threads that run attention calls (each then fans out over the compute pool), so the CPU-bound work
     * never runs on Tomcat's virtual request threads.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService kvAttentionExecutor(StorageProperties props) {
        AtomicInteger ids = new AtomicInteger();
        return Executors.newFixedThreadPool(props.computeThreads(), r -> {
            Thread t = new Thread(r, "kv-attention-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    InStorageAttention inStorageAttention(KvStore store, ComputePool storageComputePool) {
        InStorageAttention attention = new InStorageAttention(store, storageComputePool);
        if (attention.nativeKernel()) {
            log.info("in-storage attention: mapped pages folded by nn-core's native kernel");
        } else {
            log.info("in-storage attention: Java kernel ({})", NativePagedAttention.unavailableReason());
        }
        return attention;
    }

    @Bean
    StoreMeters storeMeters(KvStore store, MeterRegistry registry) {
        FunctionCounter.builder("kv.attention.bytes.scanned", store, s -> s.stats().bytesScanned())
                .baseUnit("bytes").description("K/V bytes read by in-storage attention").register(registry);
        FunctionCounter.builder("kv.pages.read", store, s -> s.stats().pagesRead())
                .description("pages read by attention and fetches").register(registry);
        FunctionCounter.builder("kv.pages.written", store, s -> s.stats().pagesWritten())
                .description("pages programmed (appends and compaction)").register(registry);
        FunctionCounter.builder("kv.reclaimed.bytes", store, s -> s.stats().reclaimedBytes())
                .baseUnit("bytes").description("dead page bytes erased").register(registry);
        Gauge.builder("kv.store.size", store, s -> s.stats().liveBytes()).baseUnit("bytes")
                .description("bytes of live pages").register(registry);
        Gauge.builder("kv.store.programmed", store, s -> s.stats().programmedBytes()).baseUnit("bytes")
                .description("bytes of programmed, not yet erased pages").register(registry);
        Gauge.builder("kv.sequences", store, s -> s.stats().sequences())
                .description("stored sequences").register(registry);
        return new StoreMeters();
    }

    /** Marker bean: the store's meters are registered. */
    public static final class StoreMeters {
    }
}
