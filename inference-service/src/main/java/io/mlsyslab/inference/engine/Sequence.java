package io.mlsyslab.inference.engine;

import java.util.ArrayList;
import java.util.List;

/** One choice of one request as the scheduler sees it. Touched by the engine thread only. */
final class Sequence {
    enum State { WAITING, RUNNING, FINISHED }

    final RequestState request;
    final int choice;
    final long admittedOrder;
    final IntList tokens;
    final int promptLen;
    final TextTracker text;
    State state = State.WAITING;
    /** KV positions computed or scheduled (planned, possibly in flight). */
    int computed;
    /** Pages the plan counts as held (virtual, may run ahead of the cache while a batch is in flight). */
    int pagesHeld;
    /** The KV slot, or -1. */
    int slot = -1;
    /** A planned or in-flight batch will sample this sequence's next token. */
    boolean emitPending;
    /** Preempted by the plan being formed: its slot and pages are released before that plan runs. */
    boolean releasePending;
    /** Prompt positions whose log-probability was reported (echo with logprobs). */
    int promptLogprobsDone;
    long lastTokenNanos;
    /** When the sequence was first scheduled (its first batch formed; 0: not yet), and got its first token. */
    long firstScheduledNanos, firstTokenNanos;
    boolean firstTokenSeen;
    int generated;
    long preemptedInRound = -1;
    /**
     * Prefix sharing ({@code n} &gt; 1): the choice whose prompt KV this one copies instead of prefilling it (null:
     * none, or given up). Set at intake, cleared once copied or when the source cannot provide it.
     */
    Sequence shareSource;
    /** Positions whose KV the next materialisation copies from {@link #shareSource} (0: none planned). */
    int copyPending;
    /** KV positions that exist once the batch in flight is done (the plan being formed does not add to them). */
    int ready;
    /** Penalties, bias, min_tokens, stop token ids and the constraint of this choice, or null when none is asked. */
    LogitsProcessor logitsProcessor;
    /** Echoed prompt tokens waiting for their log-probabilities. */
    java.util.List<TokenOutput> echoBuffer;

    Sequence(RequestState request, int choice, long order, int[] prompt, TextTracker text) {
        this.request = request;
        this.choice = choice;
        this.admittedOrder = order;
        this.tokens = new IntList(prompt);
        this.promptLen = prompt.length;
        this.text = text;
    }

    /** Tokens the sequence will hold once everything planned has run. */
    int target() {
        return tokens.size() + (emitPending ? 1 : 0);
    }

    /** Whether all but the next position is computed. */
    boolean decoding() {
        return target() - computed == 1 && computed >= promptLen;
    }

    /** State of one request (all its choices). */
    static final class RequestState {
        final GenerationRequest request;
        final GenerationListener listener;
        final io.mlsyslab.nn.decode.Sampler sampler;
        final long arrivalNanos;
        final List<Sequence> sequences = new ArrayList<>();
        volatile boolean cancelled;

        RequestState(GenerationRequest request, GenerationListener listener, long arrivalNanos) {
            this.request = request;
            this.listener = listener;
            this.sampler = new io.mlsyslab.nn.decode.Sampler(request.sampling(), request.n());
            this.arrivalNanos = arrivalNanos;
        }
    }
}
