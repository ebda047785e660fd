package dev.storefront.localstack;

import dev.storefront.infra.DemoIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a bearer token the services accept. Usage: {@code deploy/mint-token.sh --subject alice --roles CUSTOMER
 * [--minutes 60]}. It signs with the local stack's private key (.storefront/issuer/signing-key.json, created on first
 * use), which only the stack and this command read; the services know its public half from .storefront/jwks.json.
 */
public final class MintToken {

    private MintToken() {}

    public static void main(String[] args) throws Exception {
        String subject = option(args, "--subject", "alice");
        List<String> roles = Arrays.asList(option(args, "--roles", "CUSTOMER").split(","));
        long minutes = Long.parseLong(option(args, "--minutes", "60"));
        Path root = Path.of(System.getProperty("storefront.root", ".")).toAbsolutePath();
        DemoIssuer issuer = DemoIssuer.openOrCreate(root.resolve(".storefront"));
        System.out.println(issuer.mint(subject, roles, Duration.ofMinutes(minutes)));
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
