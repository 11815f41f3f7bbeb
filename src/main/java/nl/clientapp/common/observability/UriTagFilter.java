package nl.clientapp.common.observability;

import java.util.regex.Pattern;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps ids out of the {@code uri} label of the HTTP metrics. Quarkus labels a request with its
 * route template ({@code /app/v1/clients/{clientId}/posts}) when a REST endpoint matched, but a
 * request rejected before matching (a 429 of the throttle, a 403 for plain HTTP) may be labelled
 * with its raw path. This filter replaces UUIDs, numbers and any path segment with an {@code @}
 * in such a path, so no client, user or message id, and no e-mail address, becomes a label value.
 */
class UriTagFilter {

    private static final Pattern UUID_SEGMENT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER_SEGMENT = Pattern.compile("(?<=/)[0-9]+(?=/|$)");
    private static final Pattern SEGMENT_WITH_AT = Pattern.compile("(?<=/)[^/]*@[^/]*");

    @Produces
    @Singleton
    MeterFilter uriTemplatesOnly() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null) {
                    return id;
                }
                String cleaned = withoutIds(uri);
                if (cleaned.equals(uri)) {
                    return id;
                }
                return id.withTag(Tag.of("uri", cleaned));
            }
        };
    }

    /** Returns {@code uri} with UUIDs, numeric segments and segments holding an {@code @} replaced. */
    static String withoutIds(String uri) {
        String cleaned = UUID_SEGMENT.matcher(uri).replaceAll("{id}");
        cleaned = NUMBER_SEGMENT.matcher(cleaned).replaceAll("{n}");
        return SEGMENT_WITH_AT.matcher(cleaned).replaceAll("{value}");
    }
}
