package io.mlsyslab.platform.security;

import io.mlsyslab.platform.errors.ProblemException;
import java.util.Map;

/**
 * The one ownership rule of the platform: a run, a KV sequence or a model may be cancelled or deleted by the
 * principal that created it, or by an admin; anybody else gets a 403 problem that states the rule. Something with no
 * recorded creator (made before creators were recorded, or by an unsigned call) is an admin's to remove.
 */
public final class Ownership {

    private Ownership() {}

    /**
     * @param caller   who asks
     * @param owner    the recorded creator, or null
     * @param action   what they ask for, e.g. {@code cancel}
     * @param resource what it is done to, e.g. {@code run 3f2…}
     */
    public static void requireOwnerOrAdmin(Caller caller, String owner, String action, String resource) {
        if (caller.isAdmin() || (owner != null && owner.equals(caller.principal()))) {
            return;
        }
        String rule = owner == null
                ? resource + " has no recorded creator: only an admin may " + action + " it"
                : resource + " was created by '" + owner + "': only its creator or an admin may " + action + " it";
        throw new ProblemException(403, "Forbidden", rule, owner == null ? Map.of("rule", "creator-or-admin")
                : Map.of("rule", "creator-or-admin", "owner", owner));
    }
}
