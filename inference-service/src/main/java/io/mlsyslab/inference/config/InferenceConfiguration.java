package io.mlsyslab.inference.config;

import io.mlsyslab.inference.persistence.ModelRepository;
import io.mlsyslab.inference.persistence.ModelStore;
import io.mlsyslab.inference.serving.EngineManager;
import io.micrometer.core.instrument.MeterRegistry;
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
     * One engine per model, attention local to the engine's paged cache. KV offload plugs in here: pass a factory
     * {@code (modelId, cache) -> backend} instead of null.
     */
    @Bean(destroyMethod = "close")
    EngineManager engineManager(ModelStore store, InferenceProperties properties, MeterRegistry registry) {
        AtomicReference<EngineManager> ref = new AtomicReference<>();
        MicrometerEngineObserver observer = new MicrometerEngineObserver(registry, ref::get);
        EngineManager manager = new EngineManager(store, properties.engineConfig(), null, observer);
        ref.set(manager);
        return manager;
    }
}
