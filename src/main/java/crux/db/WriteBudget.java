package crux.db;

import org.jooq.DSLContext;

/**
 * What one write costs its author, spent first inside the write's own transaction: a write that is refused or rolled
 * back spends nothing, and spending needs no commit of its own. Every method that writes on a member's behalf takes
 * one, so what a request pays is visible where it writes; writes nobody pays for (sign-in, the operator's commands,
 * background jobs) pass {@link #FREE}. Spending may throw to refuse the write.
 */
@FunctionalInterface
public interface WriteBudget {

    WriteBudget FREE = tx -> { };

    void spend(DSLContext tx);
}
