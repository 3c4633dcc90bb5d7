package io.mlsyslab.platform.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.runs.api.RunController;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.HttpExchange;

/** {@link RunsApi} (the client side) and {@link RunController} (the server side) describe the same HTTP API. */
class RunsApiContractTest {

    /** Client method → controller method where the names differ. */
    private static final Map<String, String> SERVER_NAME = Map.of("run", "get");

    @Test
    void everyClientCallMatchesAControllerEndpoint() {
        HttpExchange base = RunsApi.class.getAnnotation(HttpExchange.class);
        assertThat(base.value()).isEqualTo("/api/{service}");
        for (Method client : RunsApi.class.getDeclaredMethods()) {
            String serverName = SERVER_NAME.getOrDefault(client.getName(), client.getName());
            Method server = Arrays.stream(RunController.class.getDeclaredMethods())
                    .filter(m -> m.getName().equals(serverName)).findFirst()
                    .orElseThrow(() -> new AssertionError("RunController has no " + serverName));
            HttpExchange exchange = AnnotatedElementUtils.findMergedAnnotation(client, HttpExchange.class);
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(server, RequestMapping.class);
            String where = client.getName() + " vs " + server.getName();
            assertThat(exchange.method()).as(where).isEqualTo(mapping.method()[0].name());
            assertThat(exchange.value()).as(where).isEqualTo(mapping.path()[0]);
            assertThat(names(client, RequestParam.class)).as(where + " query parameters")
                    .isEqualTo(names(server, RequestParam.class));
            assertThat(names(client, RequestHeader.class)).as(where + " headers")
                    .isEqualTo(names(server, RequestHeader.class));
            Set<String> clientPath = names(client, PathVariable.class);
            clientPath.remove("service");
            assertThat(clientPath).as(where + " path variables").isEqualTo(names(server, PathVariable.class));
            java.lang.reflect.Type serverBody = server.getGenericReturnType();
            if (serverBody instanceof java.lang.reflect.ParameterizedType p
                    && p.getRawType() == org.springframework.http.ResponseEntity.class) {
                serverBody = p.getActualTypeArguments()[0];
            }
            assertThat(client.getGenericReturnType()).as(where + " body").isEqualTo(serverBody);
        }
        assertThat(RunsApi.class.getDeclaredMethods()).hasSize(8);
    }

    private static Set<String> names(Method method, Class<? extends java.lang.annotation.Annotation> kind) {
        Set<String> out = new TreeSet<>();
        for (Parameter p : method.getParameters()) {
            var annotation = AnnotatedElementUtils.findMergedAnnotation(p, kind);
            if (annotation == null) {
                continue;
            }
            String name = switch (annotation) {
                case RequestParam r -> r.name();
                case RequestHeader h -> h.name();
                case PathVariable v -> v.name();
                default -> "";
            };
            out.add(name.isEmpty() ? p.getName() : name);
        }
        return out;
    }
}
