package nl.clientapp.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops a production start without signing keys. SmallRye JWT would otherwise start and fail
 * only on the first token; dev mode and tests use a key pair generated in memory.
 */
@ApplicationScoped
@IfBuildProfile("prod")
class SigningKeyCheck {

    void onStart(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        requireOne(config, "smallrye.jwt.sign.key", "smallrye.jwt.sign.key.location", "SMALLRYE_JWT_SIGN_KEY");
        requireOne(config, "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY");
    }

    private static void requireOne(Config config, String property, String locationProperty, String variable) {
        boolean present = config.getOptionalValue(property, String.class).filter(value -> !value.isBlank()).isPresent()
                || config.getOptionalValue(locationProperty, String.class).filter(value -> !value.isBlank()).isPresent();
        if (!present) {
            throw new IllegalStateException("Missing token key: set " + variable + " (PEM) or " + locationProperty);
        }
    }
}
