package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.AttentionBackend;
import io.mlsyslab.nn.decode.Gpt2Decoder;
import io.mlsyslab.nn.kernel.ComputePool;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A serving engine for one model: requests go in through {@link #submit}, an engine thread (a platform thread)
 * plans iterations with the {@link Scheduler}, runs each on a runner thread through a {@link BatchRunner}
 * (sequential or nano-batched), samples, applies stop conditions and streams tokens to each request's listener.
 * The plan of iteration i+1 is formed while iteration i runs; a sequence that finishes in iteration i is dropped
 * from the plan of i+1 before it runs (NanoFlow's asynchronous scheduling without its one wasted token).
 */
public final class InferenceEngine implements AutoCloseable {
    private final Gpt2Model model;
    private final Tokenizer tokenizer;
    private final int eosToken;
    private final EngineConfig config;
    private final EngineObserver observer;
    private final PagedKvCache cache;
    private final Gpt2Decoder decoder;
    private final BatchRunner runner;
    private final Scheduler scheduler;
    private final ComputePool computePool, attentionPool;
    private final ExecutorService runThread;
    private final Thread engineThread;
    private final ConcurrentLinkedQueue<Sequence.RequestState> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Object signal = new Object();
    private final Slots slots;
    private final TokenEmitter emitter;
    /** Prefix sharing for n &gt; 1 copies KV pages, so only an engine whose KV is its own paged cache does it. */
    private final boolean sharePrefixes;
    private volatile boolean closed;
    private volatile EngineStats stats;
    private long order;
    private long iterations, batchedRows, preemptionsReported;

    /**
     * @param model    the weights
     * @param tokenizer the model's tokenizer, or null (token ids only)
     * @param eosToken end-of-text token id, or -1
     * @param config   limits
     * @param backends builds the attention backend from the engine's paged cache: identity for local attention,
     *                 or a wrapper (e.g. one that offloads to a remote store); when the result is not the cache
     *                 itself its attention runs on the network executor
     * @param observer metrics hooks
     */
    public InferenceEngine(Gpt2Model model, Tokenizer tokenizer, int eosToken, EngineConfig config,
                           Function<PagedKvCache, AttentionBackend> backends, EngineObserver observer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.eosToken = eosToken;
        this.config = config;
        this.observer = observer == null ? EngineObserver.NONE : observer;
        GptConfig c = model.config();
        long perPage = PagedKvCache.bytesPerPosition(c.nLayer(), c.nHead(), c.headDim()) * config.pageSize();
        int pages = (int) Math.min(Integer.MAX_VALUE, config.kvCacheBytes() / perPage);
        if (pages < 1) {
            throw new IllegalArgumentException("kvCacheBytes: " + config.kvCacheBytes()
                    + " bytes hold no page of " + perPage + " bytes");
        }
        this.cache = new PagedKvCache(c.nLayer(), config.maxRunning(), pages, config.pageSize(), c.nHead(),
                c.nHead(), c.headDim());
        AttentionBackend backend = backends == null ? cache : backends.apply(cache);
        this.slots = new Slots(config.maxRunning(), cache, backend instanceof SlotLifecycle l ? l : null);
        this.emitter = new TokenEmitter(tokenizer, c.vocabSize(), eosToken, this.observer);
        Resource attentionResource = backend == cache ? Resource.MEMORY : Resource.NETWORK;
        this.sharePrefixes = backend == cache;
        this.computePool = new ComputePool(config.computeThreads());
        this.attentionPool = new ComputePool(config.attentionThreads());
        this.decoder = new Gpt2Decoder(model, backend, computePool);
        this.runner = config.nanoBatches() > 1
                ? new NanoBatchRunner(decoder, config.nanoBatches(), computePool, attentionPool, attentionResource,
                this.observer)
                : new SequentialRunner(decoder, computePool, attentionPool, attentionResource, this.observer);
        this.scheduler = new Scheduler(cache, config);
        this.runThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "engine-run");
            t.setDaemon(true);
            return t;
        });
        this.stats = new EngineStats(0, 0, 0, cache.totalPages() * perPage, 0, 0, 0, new long[3], 0);
        this.engineThread = Thread.ofPlatform().name("engine-scheduler").daemon(true).start(this::loop);
    }

    public Gpt2Model model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public EngineConfig config() {
        return config;
    }

    /** The end-of-text token id, or -1. */
    public int eosToken() {
        return eosToken;
    }

    /** Positions the whole KV pool holds: the longest sequence that can ever run. */
    public int kvCapacityPositions() {
        return cache.totalPages() * cache.pageSize();
    }

    /** The latest counters (updated every iteration). */
    public EngineStats stats() {
        return stats;
    }

    /**
     * Queues a request.
     *
     * @throws IllegalArgumentException     naming the field when the request cannot run on this model
     * @throws AdmissionRefusedException   when the waiting queue is full
     */
    public Handle submit(GenerationRequest request, GenerationListener listener) {
        if (closed) {
            throw new AdmissionRefusedException("engine: shutting down", 5);
        }
        RequestChecks.check(request, model.config(), kvCapacityPositions(), tokenizer);
        if (queued.get() + request.n() > config.maxWaiting() + config.maxRunning()) {
            throw new AdmissionRefusedException("engine: " + queued.get() + " sequences are waiting (limit "
                    + config.maxWaiting() + ")", 1);
        }
        queued.addAndGet(request.n());
        Sequence.RequestState state = new Sequence.RequestState(request, listener, System.nanoTime());
        incoming.add(state);
        wake();
        return new Handle(state);
    }

    /** Cancels requests: their sequences leave the engine and free their KV at the next iteration boundary. */
    public final class Handle {
        private final Sequence.RequestState state;

        private Handle(Sequence.RequestState state) {
            this.state = state;
        }

        public void cancel() {
            state.cancelled = true;
            wake();
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void loop() {
        Batch inflight = null;
        while (!closed) {
            try {
                intake();
                List<Chunk> plan = scheduler.plan();
                for (; preemptionsReported < scheduler.preemptions; preemptionsReported++) {
                    observer.preempted();
                }
                if (inflight != null) {
                    finish(inflight);
                    inflight = null;
                }
                Batch batch = materialize(plan);
                if (batch == null) {
                    publishStats();
                    synchronized (signal) {
                        if (incoming.isEmpty() && !hasCancelled() && scheduler.running.isEmpty()
                                && !closed) {
                            signal.wait(scheduler.waiting.isEmpty() ? 1000 : 5);
                        }
                    }
                    continue;
                }
                inflight = batch;
                Batch b = batch;
                b.future = runThread.submit(() -> runner.run(b.step));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failAll(e);
                inflight = null;
            }
        }
    }

    private boolean hasCancelled() {
        for (Sequence s : scheduler.waiting) {
            if (s.request.cancelled) {
                return true;
            }
        }
        return false;
    }

    private void intake() {
        Sequence.RequestState r;
        while ((r = incoming.poll()) != null) {
            for (int i = 0; i < r.request.n(); i++) {
                TextTracker text = tokenizer == null ? null : new TextTracker(tokenizer, r.request.stop());
                Sequence s = new Sequence(r, i, order++, r.request.prompt(), text);
                s.logitsProcessor = LogitsProcessor.of(r.request, model.config().vocabSize(), eosToken);
                if (i > 0 && sharePrefixes && sharesPrompt(r.request)) {
                    s.shareSource = r.sequences.getFirst();
                }
                r.sequences.add(s);
                scheduler.waiting.add(s);
                if (r.request.echo()) {
                    emitter.echo(s);
                }
            }
        }
        for (Iterator<Sequence> it = scheduler.waiting.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.request.cancelled && !s.emitPending && !s.releasePending) {
                it.remove();
                end(s, "abort");
            }
        }
    }

    private Batch materialize(List<Chunk> plan) {
        // releases first (preempted by this plan), then allocations
        for (Sequence s : scheduler.waiting) {
            if (s.releasePending) {
                release(s);
                s.releasePending = false;
            }
        }
        List<Chunk> live = new ArrayList<>(plan.size());
        for (Chunk c : plan) {
            Sequence s = c.seq();
            if (s.state != Sequence.State.RUNNING) {
                continue;
            }
            if (s.request.cancelled) {
                scheduler.running.remove(s);
                end(s, "abort");
                continue;
            }
            if (s.copyPending > 0 && !sourceHolds(s)) {
                // the source finished while this plan was formed: prefill this choice itself from the next plan
                s.computed = 0;
                s.copyPending = 0;
                s.shareSource = null;
                s.emitPending = false;
                continue;
            }
            slots.assign(s);
            if (!cache.ensureCapacity(s.slot, c.start() + c.length())) {
                throw new IllegalStateException("engine: page accounting broken for slot " + s.slot);
            }
            if (s.copyPending > 0) {
                cache.copyPrefix(s.shareSource.slot, s.slot, s.copyPending);
                observer.promptShared(s.copyPending);
                s.copyPending = 0;
                s.shareSource = null;
            }
            live.add(c);
        }
        if (live.isEmpty()) {
            return null;
        }
        long now = System.nanoTime();
        for (Chunk c : live) {
            if (c.seq().firstScheduledNanos == 0) {
                c.seq().firstScheduledNanos = now;
            }
        }
        Batch.Rows rows = Batch.rows(live);
        return new Batch(live, decoder.begin(rows.tokens(), rows.seqs(), rows.positions(), rows.emit()), now);
    }

    /** Whether a forked choice's source still holds the prompt KV it is to copy. */
    private boolean sourceHolds(Sequence s) {
        Sequence src = s.shareSource;
        return src != null && src.state == Sequence.State.RUNNING && src.slot >= 0
                && cache.capacity(src.slot) >= s.copyPending;
    }

    /** Choices of a request share its prompt's KV unless each needs its own prompt logits (echo with logprobs). */
    private static boolean sharesPrompt(GenerationRequest r) {
        return r.n() > 1 && r.prompt().length > 1 && !(r.echo() && r.logprobs() != null);
    }

    private void finish(Batch b) throws InterruptedException {
        try {
            b.future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        long now = System.nanoTime();
        int decodeRows = 0, prefillRows = 0;
        int vocab = model.config().vocabSize();
        float[] logits = b.step.logits();
        int row = 0;
        for (Chunk c : b.chunks) {
            Sequence s = c.seq();
            if (c.decode()) {
                decodeRows++;
            } else {
                prefillRows += c.length();
            }
            if (c.emitAll()) {
                emitter.promptLogprobs(c, logits, row);
            }
            int emitRow = c.emitAll() ? row + c.length() - 1 : row;
            if (c.emits()) {
                s.emitPending = false;
                if (s.state != Sequence.State.FINISHED) {
                    int before = s.generated;
                    String reason = emitter.accept(s, logits, emitRow * vocab, now);
                    // counted before the listener can hear of the finish, so a caller that saw its request end
                    // reads a counter that includes its tokens (none when the processed logits allowed no token)
                    if (s.generated > before) {
                        observer.generated(s.generated - before);
                    }
                    if (reason != null) {
                        finishSequence(s, reason);
                    }
                }
                row = emitRow + 1;
            } else if (c.emitAll()) {
                row += c.length();
            }
        }
        iterations++;
        batchedRows += decodeRows + prefillRows;
        observer.iteration(decodeRows + prefillRows, decodeRows, now - b.startNanos);
        observer.prefilled(prefillRows);
        publishStats();
    }

    private void finishSequence(Sequence s, String reason) {
        scheduler.running.remove(s);
        scheduler.waiting.remove(s);
        end(s, reason);
    }

    private void end(Sequence s, String reason) {
        if (s.state == Sequence.State.FINISHED) {
            return;
        }
        s.state = Sequence.State.FINISHED;
        release(s);
        queued.decrementAndGet();
        String rest = s.text == null || "abort".equals(reason) ? "" : s.text.rest();
        observer.finished(finishedSequence(s, reason, System.nanoTime()));
        int longest = 0;
        for (Sequence choice : s.request.sequences) {
            if (choice.state != Sequence.State.FINISHED) {
                longest = -1;
                break;
            }
            longest = Math.max(longest, choice.generated);
        }
        if (longest >= 0) {
            observer.requestFinished(longest);
        }
        s.request.listener.onFinish(s.choice, reason, rest, s.generated);
    }

    private static FinishedSequence finishedSequence(Sequence s, String reason, long now) {
        long arrival = s.request.arrivalNanos, scheduled = s.firstScheduledNanos;
        return new FinishedSequence(reason, s.promptLen, s.generated, scheduled == 0 ? -1 : scheduled - arrival,
                scheduled == 0 || !s.firstTokenSeen ? -1 : s.firstTokenNanos - scheduled,
                s.firstTokenSeen ? s.lastTokenNanos - s.firstTokenNanos : -1, now - arrival);
    }

    private void release(Sequence s) {
        slots.release(s);
    }

    private void failAll(RuntimeException e) {
        List<Sequence> all = new ArrayList<>(scheduler.running);
        all.addAll(scheduler.waiting);
        scheduler.running.clear();
        scheduler.waiting.clear();
        java.util.Set<Sequence.RequestState> failed = new java.util.HashSet<>();
        for (Sequence s : all) {
            s.state = Sequence.State.FINISHED;
            release(s);
            queued.decrementAndGet();
            if (failed.add(s.request)) {
                s.request.listener.onError(e);
            }
        }
    }

    private void publishStats() {
        stats = new EngineStats(scheduler.running.size(), scheduler.waiting.size() + incoming.size(),
                cache.usedBytes(), stats.kvTotalBytes(), scheduler.preemptions, iterations, batchedRows,
                runner.busyNanos(), runner.overlapNanos());
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            engineThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runThread.shutdownNow();
        failAll(new AdmissionRefusedException("engine: shut down (model deleted or service stopping)", 5));
        runner.close();
        computePool.close();
        attentionPool.close();
        for (Sequence.RequestState r : incoming) {
            r.listener.onError(new AdmissionRefusedException("engine: shut down", 5));
        }
    }
}
