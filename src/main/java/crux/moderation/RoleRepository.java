package crux.moderation;

import crux.accounts.AccountRepository;
import crux.accounts.Member;
import crux.accounts.Role;
import crux.core.Target;
import crux.db.Database;
import crux.db.WriteBudget;
import java.util.Optional;
import java.util.Set;

/** Changing a member's role, from the admin page or the operator's command line; always logged. */
public final class RoleRepository {

    private final Database db;
    private final AccountRepository accounts;
    private final ModerationLogRepository log;

    public RoleRepository(Database db, AccountRepository accounts, ModerationLogRepository log) {
        this.db = db;
        this.accounts = accounts;
        this.log = log;
    }

    /**
     * Gives {@code name} the role; {@code by} is the admin doing it (null: the operator). Returns the member, or
     * empty when there is no such live member.
     */
    public Optional<Member> set(WriteBudget budget, String name, Role role, Long by, String reason) {
        Optional<Member> member = accounts.byName(name).filter(m -> !m.deleted());
        member.ifPresent(m -> db.run(budget, tx -> {
            if (accounts.setRole(tx, m.id(), role) && role != m.role()) {
                log.record(tx,
                        new ModerationLogRepository.Entry(by, "role:" + role.code(), Target.member(m.id(), m.name()),
                        m.name(), reason));
            }
        }));
        return member.flatMap(m -> accounts.byId(m.id()));
    }
}
