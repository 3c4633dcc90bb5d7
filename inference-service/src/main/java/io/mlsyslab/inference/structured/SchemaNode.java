package io.mlsyslab.inference.structured;

import java.util.List;

/**
 * A compiled schema node: what one JSON value may be, with the length of its shortest serialization (the closing
 * rule's unit). Nodes are compared by identity: they are built once per schema and shared by all sequences.
 */
sealed interface SchemaNode permits SchemaNode.AnyValue, SchemaNode.AnyOf, ObjectNode, ArrayNode, StringNode,
        NumberNode, LiteralNode {
    /** Unreachable cost; sums saturate here. */
    int INF = 1 << 28;

    /** Bytes of the shortest value this node accepts (INF when none). */
    int minBytes();

    static int add(long a, long b) {
        return (int) Math.min(INF, a + b);
    }

    /** Any JSON value (json_object's members, untyped schemas). */
    final class AnyValue implements SchemaNode {
        static final AnyValue INSTANCE = new AnyValue();
        static final StringNode FREE_STRING = new StringNode(0, Integer.MAX_VALUE, null);
        static final NumberNode FREE_NUMBER = new NumberNode(false, null);
        static final LiteralNode FREE_LITERAL = LiteralNode.of(List.of("true", "false", "null"));
        static final ArrayNode FREE_ARRAY = new ArrayNode(INSTANCE, 0, Integer.MAX_VALUE);
        static final ObjectNode FREE_OBJECT = new ObjectNode(List.of(), INSTANCE);

        private AnyValue() {
        }

        @Override
        public int minBytes() {
            return 1;
        }
    }

    /** One of several alternatives (anyOf, type arrays); never nested (flattened when compiled). */
    record AnyOf(List<SchemaNode> alternatives, int minBytes) implements SchemaNode {
        static SchemaNode of(List<SchemaNode> alternatives) {
            if (alternatives.size() == 1) {
                return alternatives.getFirst();
            }
            int min = INF;
            for (SchemaNode a : alternatives) {
                min = Math.min(min, a.minBytes());
            }
            return new AnyOf(List.copyOf(alternatives), min);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
