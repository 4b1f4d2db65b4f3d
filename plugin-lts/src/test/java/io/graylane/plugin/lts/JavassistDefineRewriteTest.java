package io.graylane.plugin.lts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

/**
 * The real LTS 1.7.0 {@code JobUtils} (whose static initialiser generates two bean copiers with javassist 3.20) in a
 * fresh class loader on the test JDK (17): it cannot initialise as it is, and copies jobs once its
 * {@code JavassistCompiler} is rewritten.
 */
class JavassistDefineRewriteTest {
    private static final String JOB_UTILS = "com.github.ltsopensource.core.support.JobUtils";
    private static final String JOB = "com.github.ltsopensource.core.domain.Job";

    @Test
    void unmodifiedJobUtilsCannotInitialiseOnThisJdk() {
        RewritingLoader plain = new RewritingLoader();
        Throwable t = assertThrows(Throwable.class, () -> Class.forName(JOB_UTILS, true, plain));
        assertTrue(chainMentions(t, "InaccessibleObjectException"), () -> describe(t));
    }

    @Test
    void rewrittenCompilerGeneratesCopiersThatCopyJobs() throws Exception {
        RewritingLoader loader = new RewritingLoader(new JavassistDefineRewrite());
        Class<?> jobUtils = Class.forName(JOB_UTILS, true, loader);
        Class<?> jobType = Class.forName(JOB, true, loader);
        Object job = jobType.getConstructor().newInstance();
        jobType.getMethod("setTaskId", String.class).invoke(job, "deposit-42");
        jobType.getMethod("setParam", String.class, String.class).invoke(job, "amount", "100");
        Method copy = jobUtils.getMethod("copy", jobType);
        Object copied = copy.invoke(null, job);
        assertNotSame(job, copied);
        assertEquals("deposit-42", jobType.getMethod("getTaskId").invoke(copied));
        assertEquals("100", jobType.getMethod("getParam", String.class).invoke(copied, "amount"));
        // the generated copiers live in LTS's own loader, in the package of their superclass BeanCopierAdapter
        Class<?> generated = Class.forName("com.github.ltsopensource.core.support.bean.Job2JobBeanCopier2", false,
                loader);
        assertEquals(loader, generated.getClassLoader());
        assertEquals("com.github.ltsopensource.core.support.bean.BeanCopierAdapter",
                generated.getSuperclass().getName());
        assertEquals(generated.getSuperclass().getPackageName(), generated.getPackageName());
    }

    @Test
    void javaVersionTellsJava8FromModularJdks() {
        assertEquals(false, JavaVersion.hasModules("1.8"));
        assertEquals(true, JavaVersion.hasModules("9"));
        assertEquals(true, JavaVersion.hasModules("25"));
    }

    private static boolean chainMentions(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c).contains(text) || String.valueOf(c.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }
}
