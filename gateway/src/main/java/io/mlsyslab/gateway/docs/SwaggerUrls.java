package io.mlsyslab.gateway.docs;

import io.mlsyslab.contract.ServiceCatalogue;
import io.mlsyslab.gateway.routing.ServiceRoutes;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lists every service of platform-api's {@code ServiceCatalogue} in the docs UI at /docs (one entry per service, its
 * document fetched through the gateway's docs route), so the UI follows the catalogue without a second list to keep
 * in sync. Explicit {@code springdoc.swagger-ui.urls} in configuration win.
 */
@Configuration(proxyBeanMethods = false)
public class SwaggerUrls {

    @Bean
    static BeanPostProcessor serviceDocsUrls() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SwaggerUiConfigProperties ui && (ui.getUrls() == null || ui.getUrls().isEmpty())) {
                    Set<SwaggerUrl> urls = new LinkedHashSet<>();
                    for (String service : new TreeSet<>(ServiceCatalogue.names())) {
                        SwaggerUrl url = new SwaggerUrl();
                        url.setName(service);
                        url.setDisplayName(service);
                        url.setUrl(ServiceRoutes.docsPath(service));
                        urls.add(url);
                    }
                    ui.setUrls(urls);
                }
                return bean;
            }
        };
    }
}
