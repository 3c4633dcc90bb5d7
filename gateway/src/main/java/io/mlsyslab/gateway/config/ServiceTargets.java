package io.mlsyslab.gateway.config;

import io.mlsyslab.contract.ServiceCatalogue;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the gateway forwards each service of platform-api's {@link ServiceCatalogue}, in catalogue order. A service's
 * base URL is, first found: {@code mlsyslab.gateway.services.<name>}, the variable {@code <NAME>_URL} (e.g.
 * {@code STORAGE_URL}, what docker-compose, Kubernetes and {@code ./lab} set), else the service on localhost at its
 * catalogue port. The set of services comes from the catalogue alone: nothing in configuration lists them.
 *
 * @param urls base URL per service name
 */
public record ServiceTargets(Map<String, URI> urls) {

    public ServiceTargets {
        urls = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
    }

    /**
     * @param configured {@code mlsyslab.gateway.services} (validated by GatewayProperties: catalogue names only)
     * @param variables  looks up a variable such as {@code STORAGE_URL}; null when unset
     */
    public static ServiceTargets resolve(Map<String, URI> configured, UnaryOperator<String> variables) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (ServiceCatalogue.Service service : ServiceCatalogue.services()) {
            URI url = configured.get(service.name());
            if (url == null) {
                String variable = urlVariable(service);
                String value = variables.apply(variable);
                url = value == null || value.isBlank() ? URI.create(service.url("localhost"))
                        : checkedUrl(variable, value.strip());
            }
            urls.put(service.name(), url);
        }
        return new ServiceTargets(urls);
    }

    /** The variable that points the gateway at one service: {@code STORAGE_URL}. */
    public static String urlVariable(ServiceCatalogue.Service service) {
        return service.envName() + "_URL";
    }

    /** An absolute http(s) URL with a host, or an exception naming where it came from. */
    public static URI checkedUrl(String source, Object value) {
        URI uri;
        try {
            uri = value instanceof URI u ? u : URI.create(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": must be an absolute http(s) URL, got " + value, e);
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(source + ": must be an absolute http(s) URL, got " + value);
        }
        return uri;
    }

    /** Every path must lie under the route prefix of a catalogue service ({@code /api/<service>/}). */
    public static void checkUnderCatalogueServices(List<String> paths, String property) {
        for (String path : paths) {
            boolean known = ServiceCatalogue.services().stream()
                    .anyMatch(s -> path.startsWith(s.routePrefix() + "/"));
            if (!known) {
                throw new IllegalArgumentException(property + ": " + path + " lies under no service of the catalogue "
                        + ServiceCatalogue.names());
            }
        }
    }
}
