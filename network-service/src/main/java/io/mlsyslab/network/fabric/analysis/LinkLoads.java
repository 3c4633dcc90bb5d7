package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.network.fabric.routing.RoutedPattern;
import io.mlsyslab.network.fabric.topology.Fabric;

/** Exact and floating summaries of a routed pattern's link loads. */
public final class LinkLoads {

    private LinkLoads() {
    }

    /** Largest load on a fabric (switch-to-switch) link, in flows (multiples of the pattern's flow size), exactly. */
    public static Rational fabricMaxFlows(Fabric fabric, RoutedPattern routed) {
        long[] u = routed.linkUnits();
        long max = 0;
        for (int l = 2 * fabric.hostCount(); l < u.length; l++) {
            max = Math.max(max, u[l]);
        }
        return Rational.of(max, routed.denominator());
    }

    /** Largest load over all links, NIC links included, in seconds per byte of flow size (load / capacity). */
    public static double allLinksMaxSecondsPerByte(Fabric fabric, RoutedPattern routed) {
        long[] u = routed.linkUnits();
        double max = 0;
        for (int l = 0; l < u.length; l++) {
            if (u[l] > 0) {
                max = Math.max(max, (double) u[l] / routed.denominator() / fabric.capacityBytesPerSecond(l));
            }
        }
        return max;
    }

    /** Fabric links whose load exceeds {@code limit} flows, compared exactly. */
    public static int fabricLinksAbove(Fabric fabric, RoutedPattern routed, Rational limit) {
        long[] u = routed.linkUnits();
        int count = 0;
        for (int l = 2 * fabric.hostCount(); l < u.length; l++) {
            // u / D > num / den  <=>  u * den > num * D, compared in 128 bits
            if (compareProducts(u[l], limit.den(), limit.num(), routed.denominator()) > 0) {
                count++;
            }
        }
        return count;
    }

    /** Sign of a*b - c*d for non-negative longs, without overflow. */
    static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return Long.compare(hi1, hi2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}
