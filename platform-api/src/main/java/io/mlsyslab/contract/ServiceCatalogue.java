package io.mlsyslab.contract;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The services of the platform, written once: name, default port, route prefix and whether the service has a data
 * plane (fast synchronous APIs besides its runs). The launcher's ports, the service-to-service URLs, the run kinds'
 * vocabulary of service names and the checks of the gateway's routes and of docker-compose derive from this list.
 */
public final class ServiceCatalogue {

    /** One service: {@code name} is also its schema, its Spring application name and its path segment. */
    public record Service(String name, int port, boolean dataPlane) {

        /** Everything the gateway forwards to this service: {@code /api/<name>/**}. */
        public String routePrefix() {
            return "/api/" + name;
        }

        /** The service's base URL on one host, e.g. {@code http://localhost:8084}. */
        public String url(String host) {
            return "http://" + host + ":" + port;
        }

        /** Its environment-variable stem: {@code STORAGE} for storage. */
        public String envName() {
            return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }
    }

    /** In start order: storage before the inference that offloads to it, training before network and analytics. */
    private static final List<Service> SERVICES = List.of(
            new Service("storage", 8081, true),
            new Service("inference", 8082, true),
            new Service("training", 8083, false),
            new Service("network", 8084, true),
            new Service("analytics", 8085, true));

    /** The service names as one alternation, for a {@code @Pattern} on a params component. */
    public static final String NAME_PATTERN = "storage|inference|training|network|analytics";

    /** The gateway's port (the one door). */
    public static final int GATEWAY_PORT = 8080;

    private ServiceCatalogue() {}

    public static List<Service> services() {
        return SERVICES;
    }

    public static Optional<Service> find(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return SERVICES.stream().map(Service::name).collect(Collectors.toList());
    }
}
