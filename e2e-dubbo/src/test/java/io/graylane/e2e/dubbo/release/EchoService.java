package io.graylane.e2e.dubbo.release;

/** What the rolling-restart providers serve: who answered. */
public interface EchoService {
    String echo(String id);
}
