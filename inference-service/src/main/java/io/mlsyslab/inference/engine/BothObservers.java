package io.mlsyslab.inference.engine;

/** Sends every engine event to two observers (e.g. the service-wide meters and one model's). */
public record BothObservers(EngineObserver first, EngineObserver second) implements EngineObserver {

    @Override
    public void iteration(int rows, int decodeRows, long nanos) {
        first.iteration(rows, decodeRows, nanos);
        second.iteration(rows, decodeRows, nanos);
    }

    @Override
    public void firstToken(long nanos, int promptTokens) {
        first.firstToken(nanos, promptTokens);
        second.firstToken(nanos, promptTokens);
    }

    @Override
    public void interToken(long nanos) {
        first.interToken(nanos);
        second.interToken(nanos);
    }

    @Override
    public void generated(int tokens) {
        first.generated(tokens);
        second.generated(tokens);
    }

    @Override
    public void prefilled(int tokens) {
        first.prefilled(tokens);
        second.prefilled(tokens);
    }

    @Override
    public void promptShared(int positions) {
        first.promptShared(positions);
        second.promptShared(positions);
    }

    @Override
    public void preempted() {
        first.preempted();
        second.preempted();
    }

    @Override
    public void busy(String executor, long nanos) {
        first.busy(executor, nanos);
        second.busy(executor, nanos);
    }

    @Override
    public void finished(FinishedSequence sequence) {
        first.finished(sequence);
        second.finished(sequence);
    }

    @Override
    public void requestFinished(int maxGeneratedTokens) {
        first.requestFinished(maxGeneratedTokens);
        second.requestFinished(maxGeneratedTokens);
    }

    @Override
    public void kvDeleteFailed() {
        first.kvDeleteFailed();
        second.kvDeleteFailed();
    }
}
