package crux.web;

import crux.accounts.Role;

/** The signed-in member making the request, as the web layer needs to know them. */
public record Viewer(long id, String name, Role role, boolean mfaPassed, boolean canWrite) {

    public boolean moderator() {
        return role.moderates();
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
