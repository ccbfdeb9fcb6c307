package crux.forecasts;

import java.time.Instant;

/** The community forecast ({@code value} %, from {@code forecasters} members) as it stood from {@code at} on. */
public record CommunityPoint(Instant at, double value, int forecasters) {
}
