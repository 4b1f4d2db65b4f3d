package io.graylane.demo;

/** Service C: takes the payment and publishes a RocketMQ message for A. */
public interface PaymentService {
    String pay(String requestId);
}
