package io.graylane.core.executor;

import io.graylane.bootstrap.LanePropagation;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.Callable;

/** Advice for submit-style methods whose first argument is the task: wraps it to carry the caller's lane. */
public final class TaskAdvice {
    private TaskAdvice() {
    }

    public static class WrapRunnableAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = LanePropagation.wrap(task);
        }
    }

    public static class WrapCallableAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            task = LanePropagation.wrap(task);
        }
    }
}
