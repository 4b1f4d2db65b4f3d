package io.graylane.rules.cli;

import io.graylane.rules.AttributeSource;
import io.graylane.rules.Attributes;
import io.graylane.rules.LogText;
import io.graylane.rules.LaneDecision;
import io.graylane.rules.RuleDocument;
import io.graylane.rules.RuleDocuments;
import io.graylane.rules.RuleValidationException;
import io.graylane.rules.model.Lane;
import io.graylane.rules.model.Scene;
import io.graylane.rules.model.ToggleResult;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code rules validate FILE}, {@code rules eval FILE key=value...} and {@code rules eval FILE --batch INPUT|-}
 * ({@link BatchEval}): how a release engineer (or CI) checks a
 * rule document before pushing it. Exit codes: 0 valid / evaluated (warnings, such as a lane every request hits,
 * are printed as {@code WARN} lines and do not change it), 1 invalid or unreadable document, 2 usage error.
 */
public final class RulesCli {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    static final String BATCH = "--batch";

    private RulesCli() {
    }

    /**
     * Arguments and output are UTF-8 whatever the locale: rule files and attribute values are UTF-8, and a value
     * decoded with another charset would be another value (another bucket).
     */
    public static void main(String[] args) {
        PrintStream out = utf8(FileDescriptor.out, System.out);
        PrintStream err = utf8(FileDescriptor.err, System.err);
        int status = run(Utf8Args.recover(args), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    private static PrintStream utf8(FileDescriptor fd, PrintStream fallback) {
        try {
            return new PrintStream(new FileOutputStream(fd), true, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            return fallback;
        }
    }

    /** Runs the command given the words after {@code rules}; never throws, never exits. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args == null || args.length == 0) {
                usage(err);
                return USAGE;
            }
            String cmd = args[0];
            if ("validate".equals(cmd)) {
                if (args.length != 2) {
                    usage(err);
                    return USAGE;
                }
                return validate(Paths.get(args[1]), out);
            }
            if ("eval".equals(cmd)) {
                if (args.length < 2) {
                    usage(err);
                    return USAGE;
                }
                if (args.length > 2 && BATCH.equals(args[2])) {
                    if (args.length != 4) {
                        usage(err);
                        return USAGE;
                    }
                    return batch(Paths.get(args[1]), args[3], out, err);
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                for (int i = 2; i < args.length; i++) {
                    int eq = args[i].indexOf('=');
                    if (eq <= 0) {
                        err.println("rules eval: expected key=value, got \"" + args[i] + "\"");
                        return USAGE;
                    }
                    String key = args[i].substring(0, eq);
                    String value = args[i].substring(eq + 1);
                    if (attrs.containsKey(key)) {
                        err.println("rules eval: attribute " + key + " is given twice (\"" + attrs.get(key) + "\" and \""
                                + value + "\"); a request has one value per attribute");
                        return USAGE;
                    }
                    if (value.indexOf('\uFFFD') >= 0) {
                        err.println("rules eval: the value of " + key + " could not be read as text in this locale ("
                                + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale (LC_ALL=C.UTF-8)"
                                + " or give the attributes with " + BATCH);
                        return USAGE;
                    }
                    attrs.put(key, value);
                }
                return eval(Paths.get(args[1]), attrs, out);
            }
            if ("help".equals(cmd) || "--help".equals(cmd) || "-h".equals(cmd)) {
                usage(out);
                return OK;
            }
            err.println("rules: unknown command \"" + cmd + "\"");
            usage(err);
            return USAGE;
        } catch (RuntimeException e) {
            err.println("rules: " + e);
            return USAGE;
        }
    }

    private static int validate(Path file, PrintStream out) {
        RuleDocument doc;
        try {
            doc = RuleDocuments.parse(file);
        } catch (RuleValidationException e) {
            printProblems(file, e, out);
            return INVALID;
        }
        StringBuilder lanes = new StringBuilder();
        for (Lane l : doc.lanes()) {
            lanes.append(lanes.length() == 0 ? "" : ", ").append(l.name()).append(" (priority ").append(l.priority()).append(')');
        }
        out.println("OK " + file + ": version " + LogText.escape(doc.version()) + ", " + doc.lanes().size() + " lane"
                + (doc.lanes().size() == 1 ? "" : "s") + (lanes.length() > 0 ? " [" + lanes + "]" : "") + ", "
                + doc.scenes().size() + " scene" + (doc.scenes().size() == 1 ? "" : "s")
                + (doc.scenes().isEmpty() ? "" : " " + doc.scenes().keySet()));
        for (String w : doc.warnings()) {
            out.println("WARN " + w);
        }
        return OK;
    }

    private static int batch(Path file, String input, PrintStream out, PrintStream err) {
        RuleDocument doc;
        try {
            doc = RuleDocuments.parse(file);
        } catch (RuleValidationException e) {
            printProblems(file, e, out);
            return INVALID;
        }
        try {
            if ("-".equals(input)) {
                return BatchEval.run(doc, System.in, out, err);
            }
            try (InputStream in = Files.newInputStream(Paths.get(input))) {
                return BatchEval.run(doc, in, out, err);
            }
        } catch (IOException e) {
            err.println("rules eval: cannot read " + input + ": " + e);
            return USAGE;
        }
    }

    private static int eval(Path file, Map<String, String> attrs, PrintStream out) {
        RuleDocument doc;
        try {
            doc = RuleDocuments.parse(file);
        } catch (RuleValidationException e) {
            printProblems(file, e, out);
            return INVALID;
        }
        AttributeSource a = Attributes.of(attrs);
        LaneDecision d = doc.explainLane(a);
        out.println("attributes: " + attrs);
        out.println("lane: " + (d.lane() == null ? "baseline (no lane hit)" : d.lane()));
        for (ToggleResult r : d.tried()) {
            out.println("  lane " + r.toggle() + ": " + (r.hit() ? "HIT" : "miss") + " (" + r.reason() + ") " + r.detail());
        }
        for (Scene s : doc.scenes().values()) {
            ToggleResult r = s.toggle().explain(a);
            StringBuilder line = new StringBuilder("scene " + s.name() + ": " + (r.hit() ? "HIT" : "miss") + " ("
                    + r.reason() + ") " + r.detail());
            if (s.experiment() != null) {
                String g = doc.experimentGroup(s.name(), a);
                int b = s.experiment().hasher().bucketOf(a);
                line.append("; experiment group ").append(g == null ? "none" : g);
                if (r.hit()) {
                    line.append(b < 0 ? " (key " + s.experiment().hasher().key() + " absent)" : " (experiment bucket " + b + ")");
                }
            }
            out.println(line);
        }
        return OK;
    }

    private static void printProblems(Path file, RuleValidationException e, PrintStream out) {
        out.println("INVALID " + file + ": " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s"));
        for (String p : e.problems()) {
            out.println("  " + p);
        }
    }

    private static void usage(PrintStream s) {
        s.println("usage: rules validate FILE");
        s.println("       rules eval FILE [attribute=value ...]");
        s.println("       rules eval FILE " + BATCH + " INPUT|-");
        s.println("  validate: exit 0 if the rule document is valid (WARN lines for lanes every request hits),");
        s.println("            else list every problem by path and exit 1");
        s.println("  eval:     show which lane and scenes hit for the attributes, and why (condition, bucket);");
        s.println("            an attribute given twice is an error (exit 2)");
        s.println("  " + BATCH + ":  one JSON object of attributes per line of INPUT (- = stdin, UTF-8), one JSON result");
        s.println("            per line: {\"line\":N,\"lane\":\"gray\"|null,\"scenes\":{...}}; exit 2 if a line is bad");
    }
}
