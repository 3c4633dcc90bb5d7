package io.mlsyslab.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds {@code mlsyslab-defaults.properties} as the lowest-precedence property source so the five services share one
 * copy of their common settings (virtual threads, graceful shutdown, schema per service, actuator exposure).
 */
public class PlatformDefaultsPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "mlsyslabDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            Properties defaults = PropertiesLoaderUtils.loadProperties(new ClassPathResource("mlsyslab-defaults.properties"));
            environment.getPropertySources().addLast(new PropertiesPropertySource(SOURCE_NAME, defaults));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mlsyslab-defaults.properties", e);
        }
    }
}
