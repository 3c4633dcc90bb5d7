package io.mlsyslab.inference.structured;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Values spelled out byte for byte: enum, const, booleans and null, in their compact JSON serialization. */
final class LiteralNode implements SchemaNode {
    private final byte[][] literals;
    private final int minBytes;

    LiteralNode(byte[][] literals) {
        this.literals = literals;
        int min = INF;
        for (byte[] l : literals) {
            min = Math.min(min, l.length);
        }
        this.minBytes = min;
    }

    static LiteralNode of(List<String> json) {
        byte[][] l = new byte[json.size()][];
        for (int i = 0; i < l.length; i++) {
            l[i] = json.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return new LiteralNode(l);
    }

    byte[][] literals() {
        return literals;
    }

    @Override
    public int minBytes() {
        return minBytes;
    }
}
