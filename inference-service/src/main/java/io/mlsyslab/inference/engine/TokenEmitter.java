package io.mlsyslab.inference.engine;

import io.mlsyslab.nn.decode.Sampler;
import io.mlsyslab.nn.kernel.Softmax;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns logits into what a request's listener sees: applies the sequence's {@link LogitsProcessor} (on a copy of its
 * row, only when it changes something), samples the next token, computes log-probabilities and the top alternatives
 * when asked for (from the raw logits, vLLM's default), echoes the prompt, applies stop strings, EOS, stop token ids
 * and the constraint's completion. Engine thread only.
 */
final class TokenEmitter {
    private final Tokenizer tokenizer;
    private final int vocab, eosToken;
    private final EngineObserver observer;
    /** The row being processed: one sequence at a time, so one buffer for all. */
    private float[] scratch;

    TokenEmitter(Tokenizer tokenizer, int vocab, int eosToken, EngineObserver observer) {
        this.tokenizer = tokenizer;
        this.vocab = vocab;
        this.eosToken = eosToken;
        this.observer = observer;
    }

    /** Sends the prompt (echo), at once unless it waits for its log-probabilities. */
    void echo(Sequence s) {
        int[] prompt = s.request.request.prompt();
        List<TokenOutput> out = new ArrayList<>(prompt.length);
        for (int token : prompt) {
            String text = tokenizer == null ? "" : tokenizer.decode(new int[]{token});
            out.add(new TokenOutput(token, text, null, null, true));
        }
        if (s.request.request.logprobs() == null || prompt.length == 1) {
            s.request.listener.onTokens(s.choice, out);
        } else {
            s.echoBuffer = out;
        }
    }

    /**
     * Fills in the log-probabilities of the echoed prompt positions a prefill chunk computed (rows from {@code row}
     * of {@code logits}); sends the echo once all are known.
     */
    void promptLogprobs(Chunk c, float[] logits, int row) {
        Sequence s = c.seq();
        for (int i = 0; i < c.length(); i++) {
            int pos = c.start() + i;
            if (pos < s.promptLen - 1 && pos + 1 > s.promptLogprobsDone) {
                promptLogprob(s, logits, (row + i) * vocab, s.tokens.get(pos + 1));
                s.promptLogprobsDone = pos + 1;
            }
        }
        if (s.promptLogprobsDone >= s.promptLen - 1 && s.echoBuffer != null) {
            s.request.listener.onTokens(s.choice, s.echoBuffer);
            s.echoBuffer = null;
        }
    }

    private void promptLogprob(Sequence s, float[] logits, int off, int token) {
        float[] lp = Arrays.copyOfRange(logits, off, off + vocab);
        Softmax.logSoftmax(lp, 0, vocab);
        Map<String, Float> top = top(lp, s.request.request.logprobs());
        List<TokenOutput> buf = s.echoBuffer;
        int idx = s.promptLogprobsDone + 1;
        if (buf != null && idx < buf.size()) {
            TokenOutput old = buf.get(idx);
            buf.set(idx, new TokenOutput(old.token(), old.text(), lp[token], top, true));
        }
    }

    /**
     * Samples the sequence's next token from the logits at {@code off}, streams it and returns the finish reason
     * ({@code stop} or {@code length}), or null when the sequence goes on. When the processed logits allow no token
     * the sequence stops without one.
     */
    String accept(Sequence s, float[] logits, int off, long now) {
        GenerationRequest req = s.request.request;
        LogitsProcessor processor = s.logitsProcessor;
        int token;
        if (processor != null && processor.rewrites(s.generated)) {
            float[] row = scratch == null ? scratch = new float[vocab] : scratch;
            System.arraycopy(logits, off, row, 0, vocab);
            if (!processor.apply(row, vocab, s.generated, req.maxTokens() - s.generated)) {
                return "stop";
            }
            token = s.request.sampler.sample(s.choice, row, 0, vocab);
            if (row[token] == Float.NEGATIVE_INFINITY) {
                // the sampler's rounding fallback (its last kept token, ~1e-16 of draws) may be a masked one
                token = Sampler.argmax(row, 0, vocab);
            }
        } else {
            token = s.request.sampler.sample(s.choice, logits, off, vocab);
        }
        if (processor != null) {
            processor.accept(token);
        }
        Float logprob = null;
        Map<String, Float> top = null;
        if (req.logprobs() != null) {
            float[] lp = Arrays.copyOfRange(logits, off, off + vocab);
            Softmax.logSoftmax(lp, 0, vocab);
            logprob = lp[token];
            top = top(lp, req.logprobs());
        }
        s.tokens.add(token);
        s.generated++;
        if (!s.firstTokenSeen) {
            s.firstTokenSeen = true;
            s.firstTokenNanos = now;
            observer.firstToken(now - s.request.arrivalNanos, s.promptLen);
        } else {
            observer.interToken(now - s.lastTokenNanos);
        }
        s.lastTokenNanos = now;
        // a stop token (end-of-text or a stop token id) cannot be sampled before min_tokens: it is masked then
        boolean eos = processor != null ? processor.isStopToken(token) : token == eosToken && !req.ignoreEos();
        boolean honourStops = processor == null || processor.honoursStops(s.generated);
        String text = s.text == null || eos ? "" : s.text.add(token, honourStops);
        boolean stopped = s.text != null && s.text.stopped();
        if (!stopped) {
            s.request.listener.onTokens(s.choice, List.of(new TokenOutput(token, text, logprob, top, false)));
        }
        if (eos || stopped || processor != null && processor.complete()) {
            return "stop";
        }
        return s.generated >= req.maxTokens() ? "length" : null;
    }

    /** The k most likely tokens (highest log-probability first, lowest id on ties): O(vocab · k), k <= 20. */
    private Map<String, Float> top(float[] lp, int k) {
        if (k <= 0) {
            return Map.of();
        }
        int n = Math.min(k, lp.length);
        int[] best = new int[n];
        int size = 0;
        for (int i = 0; i < lp.length; i++) {
            if (size == n && lp[i] <= lp[best[n - 1]]) {
                continue;
            }
            int at = size < n ? size++ : n - 1;
            while (at > 0 && lp[best[at - 1]] < lp[i]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        Map<String, Float> top = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = tokenizer == null ? "token_id:" + best[i] : tokenizer.decode(new int[]{best[i]});
            top.putIfAbsent(key, lp[best[i]]);
        }
        return top;
    }
}
