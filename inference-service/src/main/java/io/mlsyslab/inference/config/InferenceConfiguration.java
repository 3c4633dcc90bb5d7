package io.mlsyslab.inference.config;

import io.mlsyslab.inference.persistence.ModelRepository;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.security.ServiceCallSigner;
import io.mlsyslab.storage.client.StorageKvClient;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the registry, the engines and their metrics. */
@Configuration
@EnableConfigurationProperties(InferenceProperties.class)
public class InferenceConfiguration {

    @Bean
    ModelStore modelStore(ModelRepository repository, InferenceProperties properties) {
        return new ModelStore(repository, properties.modelDir(), properties.maxModelBytes().toBytes());
    }

    /**
     * One engine per model and KV placement; {@code kvOffload: storage} engines call storage-service directly at
     * {@code mlsyslab.services.urls.storage} (not through the gateway), every call signed as
     * {@code service:inference} and bounded by {@code mlsyslab.inference.storage-timeout}.
     */
    @Bean(destroyMethod = "close")
    EngineManager engineManager(ModelStore store, InferenceProperties properties, ServicesProperties services,
                                ServiceCallSigner signer, MeterRegistry registry) {
        AtomicReference<EngineManager> ref = new AtomicReference<>();
        MicrometerEngineObserver observer = new MicrometerEngineObserver(registry, ref::get);
        String storageUrl = services.urls().get("storage");
        StorageKvClient storage = storageUrl == null || storageUrl.isBlank() ? null
                : new StorageKvClient(URI.create(storageUrl), properties.storageTimeout(), signer::headers);
        EngineManager manager = new EngineManager(store, properties.engineConfig(), storage, observer);
        ref.set(manager);
        return manager;
    }
}
