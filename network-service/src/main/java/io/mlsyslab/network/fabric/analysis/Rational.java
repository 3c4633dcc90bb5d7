package io.mlsyslab.network.fabric.analysis;

import io.mlsyslab.contract.FieldErrorException;
import java.math.BigInteger;

/** An exact non-negative fraction num/den in lowest terms, for comparing congestion without rounding. */
public record Rational(long num, long den) implements Comparable<Rational> {

    public static final Rational ZERO = new Rational(0, 1);

    public Rational {
        if (den <= 0) {
            throw new FieldErrorException("den", "must be > 0");
        }
        long g = gcd(Math.abs(num), den);
        if (g > 1) {
            num /= g;
            den /= g;
        }
    }

    public static Rational of(long num, long den) {
        return new Rational(num, den);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }

    public double toDouble() {
        return (double) num / den;
    }

    /** The smallest integer not below this value. */
    public long ceil() {
        return Math.floorDiv(num, den) + (num % den == 0 ? 0 : 1);
    }

    @Override
    public int compareTo(Rational o) {
        return BigInteger.valueOf(num).multiply(BigInteger.valueOf(o.den))
                .compareTo(BigInteger.valueOf(o.num).multiply(BigInteger.valueOf(den)));
    }

    @Override
    public String toString() {
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }
}
