package io.mlsyslab.inference.structured;

import java.util.List;

/**
 * An object whose declared properties come in declaration order (required ones always, optional ones may be
 * skipped), or, with no declared properties and {@code additional} set, any string keys with {@code additional}
 * values. Precomputes the shortest completions the automaton needs at each position.
 */
final class ObjectNode implements SchemaNode {
    /** A declared property; {@code key} is its name serialized as a JSON string, quotes included. */
    record Property(String name, byte[] key, SchemaNode value, boolean required) {
    }

    final List<Property> properties;
    /** Values of undeclared keys, or null when only declared properties are generated. */
    final SchemaNode additional;
    /** {@code requiredFrom[i]}: bytes of {@code ,"key":value} for each required property at index >= i. */
    private final int[] requiredFrom;
    /** {@code lastCandidate[i]}: the last property that may come next when {@code i} is the next undecided one. */
    private final int[] lastCandidate;
    /** {@code memberFrom[i]}: the shortest close after a {@code ,} (a member must follow) with next index i. */
    private final int[] memberFrom;
    private final int minBytes;

    ObjectNode(List<Property> properties, SchemaNode additional) {
        this.properties = List.copyOf(properties);
        this.additional = properties.isEmpty() ? additional : null;
        int n = properties.size();
        requiredFrom = new int[n + 1];
        lastCandidate = new int[n + 1];
        lastCandidate[n] = n - 1;
        for (int i = n - 1; i >= 0; i--) {
            Property p = properties.get(i);
            requiredFrom[i] = requiredFrom[i + 1]
                    + (p.required() ? SchemaNode.add(p.key().length + 2L, p.value().minBytes()) : 0);
            requiredFrom[i] = Math.min(requiredFrom[i], INF);
            lastCandidate[i] = p.required() ? i : lastCandidate[i + 1];
        }
        memberFrom = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            int best = INF;
            for (int j = i; j <= lastCandidate[i]; j++) {
                best = Math.min(best, SchemaNode.add(afterKey(j), 0));
            }
            if (this.additional != null) {
                best = Math.min(best, SchemaNode.add(3, this.additional.minBytes()) + 1);
            }
            memberFrom[i] = best;
        }
        minBytes = requiredFrom[0] == 0 ? 2 : SchemaNode.add(requiredFrom[0], 1);
    }

    /** Bytes of {@code "key":value} for property j then the rest of the required ones and the closing brace. */
    private int afterKey(int j) {
        Property p = properties.get(j);
        return SchemaNode.add(SchemaNode.add(p.key().length, valueAfterKey(j)), 0);
    }

    /** Bytes of {@code :value}, the later required members and {@code }} once property j's key is written. */
    int valueAfterKey(int j) {
        SchemaNode value = j < 0 ? additional : properties.get(j).value();
        int next = j < 0 ? properties.size() : j + 1;
        return SchemaNode.add(SchemaNode.add(1, value.minBytes()), closeFrom(next));
    }

    /** The later required members and {@code }} after a member, with {@code next} the next undecided index. */
    int closeFrom(int next) {
        return SchemaNode.add(requiredFrom[next], 1);
    }

    /** The shortest close right after {@code {}: the required members (no leading comma) and {@code }}. */
    int closeAfterOpen() {
        return requiredFrom[0] == 0 ? 1 : requiredFrom[0];
    }

    /** The shortest close after a {@code ,} when {@code next} is the next undecided index. */
    int closeAfterComma(int next) {
        return memberFrom[next];
    }

    /** Whether {@code }} may come when {@code next} is the next undecided index. */
    boolean mayClose(int next) {
        return requiredFrom[next] == 0;
    }

    int lastCandidate(int next) {
        return lastCandidate[next];
    }

    @Override
    public int minBytes() {
        return minBytes;
    }
}
