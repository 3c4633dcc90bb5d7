package io.mlsyslab.inference.engine;

import java.util.Arrays;

/** A growable int array. */
final class IntList {
    private int[] a = new int[16];
    private int size;

    IntList() {
    }

    IntList(int[] init) {
        a = Arrays.copyOf(init, Math.max(16, init.length * 2));
        size = init.length;
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, size * 2);
        }
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(a, size);
    }
}
