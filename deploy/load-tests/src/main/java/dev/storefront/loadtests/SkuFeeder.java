package dev.storefront.loadtests;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An endless feed of {@code sku} values over the generated products {@code SKU-0000001..SKU-<n>} (see {@code
 * deploy/load-catalog.sh}): uniform, or Zipf-distributed with exponent {@code s}, where the product of rank {@code k}
 * is read with probability proportional to {@code 1/k^s}. Ranks are spread over the SKU range by a fixed permutation,
 * so the hot products are not simply the first ones loaded. Safe to call from any thread.
 */
final class SkuFeeder implements Iterator<Map<String, Object>> {

    /** A prime larger than any product count the generator makes, so multiplying by it permutes 0..n-1. */
    private static final long SPREAD = 10_000_019L;

    private final int products;
    private final double[] cumulative;

    SkuFeeder(int products, double zipfExponent) {
        if (products < 1) {
            throw new IllegalArgumentException("products must be positive: " + products);
        }
        this.products = products;
        this.cumulative = zipfExponent > 0 ? zipfCumulative(products, zipfExponent) : null;
    }

    private static double[] zipfCumulative(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += Math.pow(k, -s);
            cdf[k - 1] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Map<String, Object> next() {
        return Map.of("sku", sku(nextIndex()));
    }

    /** The next product index, 1-based. */
    int nextIndex() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (cumulative == null) {
            return 1 + random.nextInt(products);
        }
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        rank = rank >= 0 ? rank : Math.min(products - 1, -rank - 1);
        return 1 + (int) ((rank * SPREAD) % products);
    }

    /** {@code SKU-0000042} for 42, the generator's format. */
    static String sku(int index) {
        char[] digits = "SKU-0000000".toCharArray();
        for (int i = digits.length - 1, rest = index; rest > 0 && i >= 4; i--, rest /= 10) {
            digits[i] = (char) ('0' + rest % 10);
        }
        return new String(digits);
    }
}
