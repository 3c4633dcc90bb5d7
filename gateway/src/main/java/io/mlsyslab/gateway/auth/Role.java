package io.mlsyslab.gateway.auth;

import java.util.Locale;
import java.util.Set;

/**
 * What an API key may do, by HTTP method. Roles are cumulative: a writer can read, an admin can do anything
 * (including methods the other roles never need, such as OPTIONS outside CORS preflight).
 */
public enum Role {
    READER(Set.of("GET", "HEAD")),
    WRITER(Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")),
    ADMIN(null);

    /** null means every method. */
    private final Set<String> methods;

    Role(Set<String> methods) {
        this.methods = methods;
    }

    /** @param method an HTTP method name, case-insensitive */
    public boolean permits(String method) {
        return methods == null || methods.contains(method.toUpperCase(Locale.ROOT));
    }

    /** The lower-case name used in configuration, headers and problem details. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
