package io.mlsyslab.inference.structured;

import java.util.Arrays;

/**
 * A growable set of configurations fed by {@link Automaton#step}: duplicates (alternatives that converged) are
 * kept once, and configurations that can no longer be completed are dropped on arrival.
 */
final class Configurations implements Sink {
    Stack[] items = new Stack[4];
    int size;

    void clear() {
        size = 0;
    }

    @Override
    public void add(Stack s) {
        if (s.min >= SchemaNode.INF) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (items[i].equals(s)) {
                return;
            }
        }
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = s;
    }

    /** The configurations after feeding {@code bytes} to {@code from}, as a new array (empty: refused). */
    static Stack[] advance(Stack[] from, byte[] bytes) {
        Configurations cur = new Configurations(), next = new Configurations();
        for (Stack s : from) {
            cur.add(s);
        }
        for (byte b : bytes) {
            next.clear();
            for (int i = 0; i < cur.size; i++) {
                Automaton.step(cur.items[i], b & 0xff, next);
            }
            Configurations t = cur;
            cur = next;
            next = t;
            if (cur.size == 0) {
                break;
            }
        }
        return Arrays.copyOf(cur.items, cur.size);
    }

    static int min(Stack[] configs) {
        int m = SchemaNode.INF;
        for (Stack s : configs) {
            m = Math.min(m, s.min);
        }
        return m;
    }
}
