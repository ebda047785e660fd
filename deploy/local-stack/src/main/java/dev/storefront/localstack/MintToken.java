package dev.storefront.localstack;

import dev.storefront.infra.DemoTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a bearer token the services accept. Usage: {@code deploy/mint-token.sh --subject alice --roles CUSTOMER
 * [--minutes 60]}. The key is STOREFRONT_JWT_SECRET, or the local stack's .storefront/jwt-secret.
 */
public final class MintToken {

    private MintToken() {}

    public static void main(String[] args) throws Exception {
        String subject = option(args, "--subject", "alice");
        List<String> roles = Arrays.asList(option(args, "--roles", "CUSTOMER").split(","));
        long minutes = Long.parseLong(option(args, "--minutes", "60"));
        Path root = Path.of(System.getProperty("storefront.root", ".")).toAbsolutePath();
        String secret = Secrets.jwtSecret(root.resolve(".storefront"));
        System.out.println(DemoTokens.mint(secret, subject, roles, Duration.ofMinutes(minutes)));
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
