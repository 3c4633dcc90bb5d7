package io.mlsyslab.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlsyslab.platform.clients.RunsClient;
import io.mlsyslab.platform.clients.ServicesProperties;
import io.mlsyslab.platform.errors.ProblemHandler;
import io.mlsyslab.platform.runs.RunExecutor;
import io.mlsyslab.platform.runs.RunKind;
import io.mlsyslab.platform.runs.RunKindRegistry;
import io.mlsyslab.platform.runs.RunMetrics;
import io.mlsyslab.platform.runs.RunRepository;
import io.mlsyslab.platform.runs.RunService;
import io.mlsyslab.platform.runs.RunsProperties;
import io.mlsyslab.platform.runs.api.RunController;
import io.mlsyslab.platform.runs.api.RunEventStreams;
import io.mlsyslab.platform.security.ServiceCallSigner;
import io.mlsyslab.platform.web.ProblemErrorReportValve;
import io.mlsyslab.platform.web.RequestIdFilter;
import io.mlsyslab.platform.web.RequestSizeLimitFilter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.Validator;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the runs core, problem+json errors, request limits, principal signatures ({@link SigningConfiguration}) and
 * OpenAPI info into every service.
 */
@AutoConfiguration
@EnableConfigurationProperties({RunsProperties.class, HttpProperties.class, ServicesProperties.class})
@Import({ProblemHandler.class, RunController.class, SigningConfiguration.class})
public class PlatformAutoConfiguration {

    /** Container-level rejections (before any servlet) as problem+json ({@link ProblemErrorReportValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Strict scalar types in every request body and run's params ({@link StrictJson}). */
    @Bean
    JsonMapperBuilderCustomizer strictJsonScalars() {
        return StrictJson::apply;
    }

    @Bean
    RunRepository runRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        return new RunRepository(jdbc, template, json);
    }

    @Bean
    RunKindRegistry runKindRegistry(ObjectProvider<RunKind<?, ?>> kinds, JsonMapper json, Validator validator) {
        List<RunKind<?, ?>> all = kinds.orderedStream().toList();
        return new RunKindRegistry(all, json, validator);
    }

    @Bean
    RunMetrics runMetrics(MeterRegistry registry) {
        return new RunMetrics(registry);
    }

    @Bean
    RunExecutor runExecutor(RunRepository repository, RunKindRegistry kinds, RunsProperties properties,
            RunMetrics metrics, JsonMapper json) {
        return new RunExecutor(repository, kinds, properties, metrics, json);
    }

    @Bean
    RunService runService(RunRepository repository, RunKindRegistry kinds, RunExecutor executor, RunMetrics metrics,
            RunsProperties properties, JsonMapper json) {
        return new RunService(repository, kinds, executor, metrics, properties, json);
    }

    @Bean
    RunEventStreams runEventStreams(RunService runs, RunsProperties properties) {
        return new RunEventStreams(runs, properties);
    }

    @Bean
    RunsClient runsClient(ServicesProperties properties, ServiceCallSigner signer) {
        return new RunsClient(properties, signer);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Declares the gateway's Bearer API keys, so "Authorize" and "Try it out" in the docs UI send one. */
    @Bean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String name,
            @Value("${mlsyslab.api-prefix}") String prefix) {
        return new OpenAPI().info(new Info().title("mlsys-lab " + name + " service").version("v1")
                .description("Routes under " + prefix + "; reach them through the gateway with a Bearer API key."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("an mlsys-lab API key (./lab up prints the admin key)")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
