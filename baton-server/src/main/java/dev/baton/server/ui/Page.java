package dev.baton.server.ui;

/**
 * The frame every page shares: the navigation, the stylesheet and script, the message area
 * where actions report, and what the page watches on the live event stream.
 */
final class Page {
    /** The pages in the navigation. */
    enum Section {
        CATALOG("Catalog", "/"),
        RUNS("Runs", "/ui/runs"),
        SCHEDULES("Schedules", "/ui/schedules"),
        ALERTS("Alerts", "/ui/alerts");

        final String label;
        final String href;

        Section(String label, String href) {
            this.label = label;
            this.href = href;
        }
    }

    private Page() {
    }

    /**
     * @param title   the page's title, text
     * @param section the section highlighted in the navigation, or null
     * @param watch   what the page re-renders on: {@code runs} (any run change), {@code run:ID}
     *                (one run), {@code schedules} (schedule and run changes), {@code alerts}
     *                (alert incidents and their deliveries)
     * @param body    the page's content, built with {@link Html}
     * @return the whole document
     */
    static String render(String title, Section section, String watch, Html body) {
        Html page = new Html();
        page.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<title>").text(title).raw(" · Baton</title>")
                .raw("<link rel=\"stylesheet\" href=\"/ui/assets/baton.css\">")
                .raw("<script src=\"/ui/assets/baton.js\" defer></script>")
                .raw("</head><body data-watch=\"").text(watch).raw("\">")
                .raw("<header class=\"top\"><a class=\"brand\" href=\"/\">Baton</a><nav>");
        for (Section s : Section.values()) {
            page.raw("<a href=\"").raw(s.href).raw("\"").raw(s == section ? " class=\"on\"" : "").raw(">")
                    .text(s.label).raw("</a>");
        }
        page.raw("</nav><span id=\"live-state\" class=\"live-state\" title=\"live updates\">offline</span></header>")
                .raw("<div id=\"flash\" class=\"flash\" role=\"status\" aria-live=\"polite\" hidden></div>")
                .raw("<main>").raw(body.toString()).raw("</main></body></html>\n");
        return page.toString();
    }
}
