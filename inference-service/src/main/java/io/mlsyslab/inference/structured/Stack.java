package io.mlsyslab.inference.structured;

/**
 * An immutable (persistent) stack of frames: one configuration of the automaton. Pushing shares the tail, so
 * alternatives of an anyOf cost one frame each. The shortest completion and the hash are computed once here.
 * {@link #DONE} is the empty stack: the output is complete.
 */
final class Stack {
    static final Stack DONE = new Stack();

    final Frame top;
    final Stack parent;
    /** Fewest bytes that complete the output from here (SchemaNode.INF: impossible). */
    final int min;
    private final int hash;

    private Stack() {
        top = null;
        parent = null;
        min = 0;
        hash = 0;
    }

    Stack(Frame top, Stack parent) {
        this.top = top;
        this.parent = parent;
        this.min = SchemaNode.add(top.minToClose(), parent.min);
        this.hash = 31 * parent.hash + top.hashCode();
    }

    /** Whether the output may end here: complete, or a root number that could go on but need not. */
    boolean mayEnd() {
        return this == DONE || parent == DONE && top instanceof Frame.InNumber n && n.complete();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Stack s) || s.hash != hash || s.top == null || top == null) {
            return false;
        }
        return top.equals(s.top) && parent.equals(s.parent);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
