package io.mlsyslab.inference.structured;

import java.util.Arrays;

/**
 * The tokens' bytes as a trie in flat arrays (first-child / next-sibling), so that a mask is one depth-first walk
 * that advances the automaton once per shared prefix byte and prunes a whole subtree on the first refused byte.
 * Node 0 is the root (no label). Tokens with identical bytes chain through {@link #nextSameBytes}.
 */
final class ByteTrie {
    private int[] firstChild = new int[1024];
    private int[] nextSibling = new int[1024];
    private byte[] label = new byte[1024];
    private int[] token = new int[1024];
    private final int[] nextSameBytes;
    private int nodes = 1;

    ByteTrie(byte[][] tokenBytes, boolean[] include) {
        nextSameBytes = new int[tokenBytes.length];
        Arrays.fill(nextSameBytes, -1);
        firstChild[0] = -1;
        nextSibling[0] = -1;
        token[0] = -1;
        for (int id = 0; id < tokenBytes.length; id++) {
            if (include[id] && tokenBytes[id].length > 0) {
                insert(id, tokenBytes[id]);
            }
        }
        firstChild = Arrays.copyOf(firstChild, nodes);
        nextSibling = Arrays.copyOf(nextSibling, nodes);
        label = Arrays.copyOf(label, nodes);
        token = Arrays.copyOf(token, nodes);
    }

    private void insert(int id, byte[] bytes) {
        int node = 0;
        for (byte b : bytes) {
            int child = firstChild[node];
            while (child >= 0 && label[child] != b) {
                child = nextSibling[child];
            }
            if (child < 0) {
                child = newNode(b);
                nextSibling[child] = firstChild[node];
                firstChild[node] = child;
            }
            node = child;
        }
        if (token[node] >= 0) {
            nextSameBytes[id] = nextSameBytes[token[node]];
            nextSameBytes[token[node]] = id;
        } else {
            token[node] = id;
        }
    }

    private int newNode(byte b) {
        if (nodes == firstChild.length) {
            int n = nodes * 2;
            firstChild = Arrays.copyOf(firstChild, n);
            nextSibling = Arrays.copyOf(nextSibling, n);
            label = Arrays.copyOf(label, n);
            token = Arrays.copyOf(token, n);
        }
        firstChild[nodes] = -1;
        label[nodes] = b;
        token[nodes] = -1;
        return nodes++;
    }

    int firstChild(int node) {
        return firstChild[node];
    }

    int nextSibling(int node) {
        return nextSibling[node];
    }

    /** The node's byte, 0..255. */
    int label(int node) {
        return label[node] & 0xff;
    }

    /** A token whose bytes end at this node, or -1. */
    int token(int node) {
        return token[node];
    }

    /** Another token with the same bytes as {@code id}, or -1. */
    int nextSameBytes(int id) {
        return nextSameBytes[id];
    }

    int size() {
        return nodes;
    }
}
