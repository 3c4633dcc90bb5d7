package io.mlsyslab.network.fabric.topology;

import io.mlsyslab.contract.FieldErrorException;
import java.util.List;

/** Validates a {@link FabricSpec} and builds the matching {@link Fabric}; messages start with the offending field. */
public final class Fabrics {

    private Fabrics() {
    }

    public static Fabric build(FabricSpec spec) {
        if (spec == null) {
            throw new FieldErrorException("fabric", "is required");
        }
        positive("hostLinkGbps", spec.hostLinkGbps());
        if (spec.fabricLinkGbps() != null) {
            positive("fabricLinkGbps", spec.fabricLinkGbps());
        }
        if (spec.oversubscription() != null) {
            positive("oversubscription", spec.oversubscription());
        }
        if (!(spec.linkLatencyNs() >= 0) || Double.isInfinite(spec.linkLatencyNs())) {
            throw new FieldErrorException("linkLatencyNs", "must be >= 0, was " + spec.linkLatencyNs());
        }
        return spec.topology() == TopologyKind.FAT_TREE ? fatTree(spec) : leafSpine(spec);
    }

    private static Fabric leafSpine(FabricSpec spec) {
        range("leaves", spec.leaves(), 1, FabricSpec.MAX_LEAVES);
        range("spines", spec.spines(), 1, FabricSpec.MAX_SPINES);
        range("hostsPerLeaf", spec.hostsPerLeaf(), 1, FabricSpec.MAX_HOSTS);
        if ((long) spec.leaves() * spec.hostsPerLeaf() > FabricSpec.MAX_HOSTS) {
            throw new FieldErrorException("hostsPerLeaf", spec.leaves() + " leaves x " + spec.hostsPerLeaf()
                    + " hosts exceed " + FabricSpec.MAX_HOSTS + " hosts");
        }
        Integer radix = spec.switchRadix();
        if (radix != null) {
            range("switchRadix", radix, 2, 1 << 16);
            if (spec.spines() + spec.hostsPerLeaf() > radix) {
                throw new FieldErrorException("spines", spec.spines() + " spine uplinks + " + spec.hostsPerLeaf()
                        + " host ports exceed the leaf's " + radix + " ports (switchRadix)");
            }
            if (spec.leaves() > radix) {
                throw new FieldErrorException("leaves", spec.leaves() + " leaves exceed the spine's " + radix
                        + " ports (switchRadix)");
            }
        }
        List<FailedLink> failed = spec.failedLinks();
        for (int i = 0; i < failed.size(); i++) {
            FailedLink f = failed.get(i);
            String field = "failedLinks[" + i + "]";
            if (f.tier() != FailedLink.Tier.LEAF_SPINE) {
                throw new FieldErrorException(field + ".tier", f.tier() + " does not exist in a leaf-spine fabric");
            }
            index(field + ".lower", f.lower(), spec.leaves(), "leaf");
            index(field + ".upper", f.upper(), spec.spines(), "spine");
        }
        return new LeafSpineFabric(spec);
    }

    private static Fabric fatTree(FabricSpec spec) {
        range("k", spec.k(), 2, 128);
        if (spec.k() % 2 != 0) {
            throw new FieldErrorException("k", "must be even, was " + spec.k());
        }
        if (spec.switchRadix() != null && spec.k() > spec.switchRadix()) {
            throw new FieldErrorException("k", "a k=" + spec.k() + " fat-tree needs " + spec.k()
                    + "-port switches but switchRadix is " + spec.switchRadix());
        }
        int half = spec.k() / 2;
        int edges = spec.k() * half;
        List<FailedLink> failed = spec.failedLinks();
        for (int i = 0; i < failed.size(); i++) {
            FailedLink f = failed.get(i);
            String field = "failedLinks[" + i + "]";
            switch (f.tier()) {
                case EDGE_AGG -> {
                    index(field + ".lower", f.lower(), edges, "edge switch");
                    index(field + ".upper", f.upper(), half, "aggregation position");
                }
                case AGG_CORE -> {
                    index(field + ".lower", f.lower(), edges, "aggregation switch");
                    index(field + ".upper", f.upper(), half * half, "core");
                    if (f.upper() / half != f.lower() % half) {
                        throw new FieldErrorException(field + ".upper", "core " + f.upper()
                                + " is not attached to aggregation switch " + f.lower());
                    }
                }
                default -> throw new FieldErrorException(field + ".tier", "use edge-agg or agg-core in a fat-tree");
            }
        }
        return new FatTreeFabric(spec);
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new FieldErrorException(field, "must be > 0, was " + v);
        }
    }

    private static void range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new FieldErrorException(field, "must be in [" + min + ", " + max + "], was " + v);
        }
    }

    private static void index(String field, int v, int size, String what) {
        if (v < 0 || v >= size) {
            throw new FieldErrorException(field, what + " " + v + " is out of range [0, " + size + ")");
        }
    }
}
