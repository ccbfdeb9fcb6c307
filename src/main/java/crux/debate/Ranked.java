package crux.debate;

import java.time.Instant;

/**
 * What a comment needs to be sorted: a view record with these components need only declare it implements it.
 * {@code membersMoved} counts members who credited the comment with changing their stance or forecast;
 * {@code forecastMovement} adds up how far those forecasts moved, in percentage points.
 */
public interface Ranked {

    long id();

    Instant createdAt();

    int ups();

    int downs();

    int membersMoved();

    double forecastMovement();
}
