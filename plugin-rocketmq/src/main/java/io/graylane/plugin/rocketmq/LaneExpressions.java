package io.graylane.plugin.rocketmq;

import io.graylane.bootstrap.LaneNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Pure functions: lane group names and the SQL92 subscriptions of gray and baseline consumers. No RocketMQ types, so
 * it is unit-tested on its own.
 */
public final class LaneExpressions {
    public static final String TYPE_TAG = "TAG";
    public static final String TYPE_SQL92 = "SQL92";
    static final String DEFAULT_TEMPLATE = "${group}_${lane}";


    private final String property;
    private final String prefixTemplate;
    private final String suffixTemplate;

    /**
     * @param property the message user property carrying the lane
     * @param template group name template with {@code ${group}} and {@code ${lane}}, {@code ${group}} before
     *                 {@code ${lane}}
     */
    LaneExpressions(String property, String template) {
        if (!validProperty(property)) {
            throw new IllegalArgumentException("graylane.mq.property='" + property
                    + "': expected a message property name (letters, digits, '_', not starting with a digit)");
        }
        String problem = templateProblem(template);
        if (problem != null) {
            throw new IllegalArgumentException("graylane.mq.groupTemplate='" + template + "': " + problem);
        }
        int l = template.indexOf("${lane}");
        this.property = property;
        this.prefixTemplate = template.substring(0, l);
        this.suffixTemplate = template.substring(l + "${lane}".length());
    }

    /** Null when {@code template} names ${group} once, then ${lane} once; else what is wrong. */
    static String templateProblem(String template) {
        int g = template.indexOf("${group}");
        int l = template.indexOf("${lane}");
        if (g < 0 || l < 0 || l < g + "${group}".length() || template.indexOf("${group}", g + 1) >= 0
                || template.indexOf("${lane}", l + 1) >= 0) {
            return "expected ${group} once, then ${lane} once, e.g. " + DEFAULT_TEMPLATE;
        }
        return null;
    }

    static boolean validProperty(String p) {
        return p != null && p.matches("[A-Za-z_][A-Za-z0-9_]{0,63}");
    }

    static boolean validLane(String lane) {
        return LaneNames.isValid(lane); // also what may go into a SQL92 literal: no quote, no space
    }

    public String property() {
        return property;
    }

    /** The group a consumer of {@code group} joins on a node of {@code lane}. */
    public String laneGroup(String group, String lane) {
        return prefixTemplate.replace("${group}", group) + lane + suffixTemplate.replace("${group}", group);
    }

    /** The lane of a lane group of {@code baseGroup}, or null when {@code candidate} is not one. */
    public String laneOf(String baseGroup, String candidate) {
        String prefix = prefixTemplate.replace("${group}", baseGroup);
        String suffix = suffixTemplate.replace("${group}", baseGroup);
        if (candidate.length() <= prefix.length() + suffix.length() || !candidate.startsWith(prefix)
                || !candidate.endsWith(suffix)) {
            return null;
        }
        String lane = candidate.substring(prefix.length(), candidate.length() - suffix.length());
        return validLane(lane) ? lane : null;
    }

    /**
     * The user's selection as a SQL92 clause, or null when it selects everything. A tag expression {@code A || B}
     * becomes {@code (TAGS IS NOT NULL AND TAGS IN ('A','B'))}; a SQL92 expression is kept in parentheses.
     */
    static String selectionClause(String type, String expression) {
        String e = expression == null ? "" : expression.trim();
        if (type != null && TYPE_SQL92.equalsIgnoreCase(type)) {
            return e.isEmpty() ? null : "(" + e + ")";
        }
        if (e.isEmpty() || "*".equals(e)) {
            return null;
        }
        List<String> tags = new ArrayList<String>();
        for (String t : e.split("\\|\\|")) {
            String tag = t.trim();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.indexOf('\'') >= 0) {
                throw new IllegalArgumentException("tag " + tag + " contains a quote; cannot express it in SQL92");
            }
            tags.add(tag);
        }
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("(TAGS IS NOT NULL AND TAGS IN (");
        for (int i = 0; i < tags.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('\'').append(tags.get(i)).append('\'');
        }
        return sb.append("))").toString();
    }

    /** A gray consumer's subscription: the user's selection AND the lane. */
    public String graySql(String type, String expression, String lane) {
        checkLane(lane);
        String sel = selectionClause(type, expression);
        String laneClause = "(" + property + " = '" + lane + "')";
        return sel == null ? laneClause : sel + " AND " + laneClause;
    }

    /** A baseline consumer's subscription: the user's selection AND none of the live lanes. */
    public String baselineSql(String type, String expression, Collection<String> liveLanes) {
        String sel = selectionClause(type, expression);
        StringBuilder sb = new StringBuilder("(").append(property).append(" IS NULL OR ").append(property)
                .append(" NOT IN (");
        int i = 0;
        for (String lane : liveLanes) {
            checkLane(lane);
            sb.append(i++ == 0 ? "" : ",").append('\'').append(lane).append('\'');
        }
        sb.append("))");
        return sel == null ? sb.toString() : sel + " AND " + sb;
    }

    /** Client-side equivalent of the tag part of a selection (SQL92 selections cannot be evaluated here). */
    public static boolean tagMatches(String type, String expression, String tags) {
        if (type != null && TYPE_SQL92.equalsIgnoreCase(type)) {
            return true;
        }
        String e = expression == null ? "" : expression.trim();
        if (e.isEmpty() || "*".equals(e)) {
            return true;
        }
        if (tags == null) {
            return false;
        }
        for (String t : e.split("\\|\\|")) {
            if (t.trim().equals(tags)) {
                return true;
            }
        }
        return false;
    }

    private static void checkLane(String lane) {
        if (!validLane(lane)) {
            throw new IllegalArgumentException("not a lane name: '" + lane + "'");
        }
    }
}
