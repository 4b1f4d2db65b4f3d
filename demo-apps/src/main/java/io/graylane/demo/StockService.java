package io.graylane.demo;

/** Service B: {@code reserve} calls C; {@code confirm} is the leaf of the message leg (A → B after the message). */
public interface StockService {
    String reserve(String requestId);

    String confirm(String requestId);
}
