package io.graylane.plugin.httpclients.reactornetty;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/** Passes every signal to the application's subscriber; only its context differs: it names the request's lane. */
final class LaneSubscriber<T> implements CoreSubscriber<T> {
    private final CoreSubscriber<T> actual;
    private final Context context;

    LaneSubscriber(CoreSubscriber<T> actual, Context context) {
        this.actual = actual;
        this.context = context;
    }

    @Override
    public Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription s) {
        actual.onSubscribe(s);
    }

    @Override
    public void onNext(T t) {
        actual.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
        actual.onError(t);
    }

    @Override
    public void onComplete() {
        actual.onComplete();
    }
}
