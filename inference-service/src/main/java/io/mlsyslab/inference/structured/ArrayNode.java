package io.mlsyslab.inference.structured;

/** An array of {@code items} with {@code minItems..maxItems} elements, written {@code [a,b]} or {@code [a, b]}. */
final class ArrayNode implements SchemaNode {
    final SchemaNode items;
    final int minItems;
    final int maxItems;
    private final int minBytes;

    ArrayNode(SchemaNode items, int minItems, int maxItems) {
        this.items = items;
        this.minItems = minItems;
        this.maxItems = maxItems;
        this.minBytes = minItems == 0 ? 2 : SchemaNode.add(1, itemsAfter(0));
    }

    /** Bytes to add the items still required once {@code done} are complete, commas included, plus the {@code ]}. */
    int itemsAfter(int done) {
        long need = Math.max(0, minItems - done);
        if (need == 0) {
            return 1;
        }
        long each = SchemaNode.add(items.minBytes(), 1);
        return SchemaNode.add(need * each - (done == 0 ? 1 : 0), 1);
    }

    @Override
    public int minBytes() {
        return minBytes;
    }
}
