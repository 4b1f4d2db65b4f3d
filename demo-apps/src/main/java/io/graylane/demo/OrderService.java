package io.graylane.demo;

/** Service A: places an order (calls B, which calls C). Returns the trail of instances that served it. */
public interface OrderService {
    String place(String requestId);
}
