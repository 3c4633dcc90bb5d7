package io.mlsyslab.platform.config;

import io.mlsyslab.contract.signing.RequestSigner;
import io.mlsyslab.contract.signing.SignatureVerifier;
import io.mlsyslab.platform.security.SecurityProperties;
import io.mlsyslab.platform.security.ServiceCallSigner;
import io.mlsyslab.platform.security.SignedCallerFilter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Principal signatures in every service: the filter that verifies incoming ones and the signer of this service's
 * own calls. A service with neither {@code mlsyslab.security.signing-secret} nor
 * {@code mlsyslab.security.allow-unsigned=true} refuses to start: silently believing every caller is what the
 * signatures exist to end, so that must be asked for by name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SigningConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SigningConfiguration.class);

    /** The shared secret's signer; null only when unsigned requests are allowed and no secret is set. */
    static RequestSigner signer(SecurityProperties properties) {
        if (properties.hasSecret()) {
            return new RequestSigner(properties.signingSecret());
        }
        if (!properties.allowUnsigned()) {
            throw new IllegalStateException("mlsyslab.security.signing-secret (env LAB_SIGNING_SECRET) is not set:"
                    + " this service could not tell the gateway's callers from anybody else. Set the secret the"
                    + " gateway signs with (./lab, docker compose and the Kubernetes overlays do), or set"
                    + " mlsyslab.security.allow-unsigned=true to believe every caller (tests only)");
        }
        return null;
    }

    @Bean
    FilterRegistrationBean<SignedCallerFilter> signedCallerFilter(SecurityProperties properties) {
        RequestSigner signer = signer(properties);
        if (properties.allowUnsigned()) {
            LOG.warn("mlsyslab.security.allow-unsigned=true: requests without a principal signature are served as"
                    + " an anonymous admin; never expose this service's port");
        }
        SignatureVerifier verifier = signer == null ? null
                : new SignatureVerifier(signer, properties.maxClockSkew(), Clock.systemUTC());
        FilterRegistrationBean<SignedCallerFilter> registration =
                new FilterRegistrationBean<>(new SignedCallerFilter(verifier, properties.allowUnsigned()));
        // after the request id (so a 401 carries it), before the body limit and everything else
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    ServiceCallSigner serviceCallSigner(SecurityProperties properties,
            @Value("${mlsyslab.service-name}") String service) {
        return new ServiceCallSigner(service, signer(properties), Clock.systemUTC());
    }
}
