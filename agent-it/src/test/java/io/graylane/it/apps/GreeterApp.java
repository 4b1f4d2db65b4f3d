package io.graylane.it.apps;

/** Its first act loads Greeter: the target of the test extension's named plugin. */
public final class GreeterApp {
    public static void main(String[] args) {
        System.out.println("GREETING " + new Greeter().greet());
    }

    public static final class Greeter {
        public String greet() {
            return "hello";
        }
    }
}
