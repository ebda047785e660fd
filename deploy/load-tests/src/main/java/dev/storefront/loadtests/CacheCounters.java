package dev.storefront.loadtests;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product cache's counters from a catalog-service's {@code /prometheus}: lookups by result and loads from
 * Postgres ({@code storefront_cache_requests_total{cache="product",result=...}}, {@code
 * storefront_cache_loads_seconds_count{cache="product"}}).
 */
record CacheCounters(double hits, double misses, double errors, double loads) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}\\s+(\\S+)");

    static CacheCounters parse(String prometheusText) {
        double hits = 0;
        double misses = 0;
        double errors = 0;
        double loads = 0;
        for (String line : prometheusText.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find() || !sample.group(2).contains("cache=\"product\"")) {
                continue;
            }
            String metric = sample.group(1);
            String labels = sample.group(2);
            double value = Double.parseDouble(sample.group(3));
            if (metric.equals("storefront_cache_requests_total")) {
                if (labels.contains("result=\"hit\"")) {
                    hits += value;
                } else if (labels.contains("result=\"miss\"")) {
                    misses += value;
                } else if (labels.contains("result=\"error\"")) {
                    errors += value;
                }
            } else if (metric.equals("storefront_cache_loads_seconds_count")) {
                loads += value;
            }
        }
        return new CacheCounters(hits, misses, errors, loads);
    }

    CacheCounters minus(CacheCounters before) {
        return new CacheCounters(
                hits - before.hits, misses - before.misses, errors - before.errors, loads - before.loads);
    }

    double lookups() {
        return hits + misses + errors;
    }

    /** Hits per lookup; a lookup that failed on Redis counts as not a hit. */
    double hitRatio() {
        return lookups() == 0 ? 0 : hits / lookups();
    }
}
