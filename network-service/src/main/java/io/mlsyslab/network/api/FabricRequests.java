package io.mlsyslab.network.api;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.fabric.topology.FabricSpec;
import io.mlsyslab.network.fabric.topology.FailedLink;
import io.mlsyslab.network.fabric.topology.TopologyKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps request bodies (API and run params) onto engine specs, filling defaults. */
public final class FabricRequests {

    private FabricRequests() {
    }

    public static FabricSpec spec(FabricAnalyzeRequest.FabricBody f) {
        TopologyKind kind = TopologyKind.fromName("topology", f.topology());
        List<FailedLink> failed = new ArrayList<>();
        if (f.failedLinks() != null) {
            for (int i = 0; i < f.failedLinks().size(); i++) {
                failed.add(failedLink(kind, f.failedLinks().get(i), "failedLinks[" + i + "]"));
            }
        }
        return new FabricSpec(kind, orElse(f.leaves(), 16), orElse(f.spines(), 16), orElse(f.hostsPerLeaf(), 16),
                orElse(f.k(), 4), f.hostLinkGbps() == null ? 400 : f.hostLinkGbps(), f.fabricLinkGbps(),
                f.oversubscription(), f.linkLatencyNs() == null ? 500 : f.linkLatencyNs(), f.switchRadix(), failed);
    }

    private static FailedLink failedLink(TopologyKind kind, FabricAnalyzeRequest.FailedLinkBody b, String field) {
        if (b == null) {
            throw new FieldErrorException(field, "must not be null");
        }
        if (kind == TopologyKind.LEAF_SPINE) {
            Integer leaf = b.leaf() != null ? b.leaf() : b.lower();
            Integer spine = b.spine() != null ? b.spine() : b.upper();
            if (leaf == null || spine == null) {
                throw new FieldErrorException(field, "needs leaf and spine");
            }
            return FailedLink.leafSpine(leaf, spine);
        }
        if (b.lower() == null || b.upper() == null) {
            throw new FieldErrorException(field, "needs tier, lower and upper on a fat-tree");
        }
        String tier = b.tier() == null ? "edge-agg" : b.tier().trim().toLowerCase(Locale.ROOT);
        FailedLink.Tier t = switch (tier) {
            case "edge-agg" -> FailedLink.Tier.EDGE_AGG;
            case "agg-core" -> FailedLink.Tier.AGG_CORE;
            default -> throw new FieldErrorException(field + ".tier", "expected edge-agg or agg-core, was " + b.tier());
        };
        return new FailedLink(b.lower(), b.upper(), t);
    }

    private static int orElse(Integer v, int d) {
        return v == null ? d : v;
    }
}
