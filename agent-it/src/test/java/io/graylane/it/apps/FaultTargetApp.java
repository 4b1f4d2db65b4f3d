package io.graylane.it.apps;

/** The target of the test extension's faulty plugins: its calls must keep working. */
public final class FaultTargetApp {
    public static void main(String[] args) {
        Service s = new Service();
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += s.compute(i);
        }
        System.out.println("RESULT " + sum + " " + new Other().name());
        System.exit(0);
    }

    public static final class Service {
        public int compute(int x) {
            return x * 10;
        }
    }

    public static final class Other {
        public String name() {
            return "other";
        }
    }
}
