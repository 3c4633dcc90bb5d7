package io.mlsyslab.inference.structured;

/**
 * A JSON number ({@code integer}: no fraction and no exponent), with optional {@link NumberBounds}. Bounded numbers
 * are written without exponent, so every prefix has a decimal value range to check against the bounds.
 */
final class NumberNode implements SchemaNode {
    final boolean integer;
    final NumberBounds bounds;
    private final int minBytes;

    NumberNode(boolean integer, NumberBounds bounds) {
        this.integer = integer;
        this.bounds = bounds;
        this.minBytes = bounds == null ? 1 : bounds.minCompletion("");
    }

    @Override
    public int minBytes() {
        return minBytes;
    }
}
