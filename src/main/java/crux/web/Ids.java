package crux.web;

/** Parses ids from URLs: anything that is not a positive whole number that fits a long is simply not found. */
public final class Ids {

    private Ids() {
    }

    public static long parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18) {
            throw HttpError.notFound();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpError.notFound();
            }
        }
        long id = Long.parseLong(raw);
        if (id <= 0) {
            throw HttpError.notFound();
        }
        return id;
    }
}
