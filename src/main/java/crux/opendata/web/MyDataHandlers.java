package crux.opendata.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import crux.accounts.Member;
import crux.opendata.MyDataRepository;
import crux.web.Gate;
import io.javalin.http.Context;

/** "Download my data": the signed-in member's rows as a JSON attachment, never cached. */
public final class MyDataHandlers {

    private final MyDataRepository myData;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public MyDataHandlers(MyDataRepository myData) {
        this.myData = myData;
    }

    public void export(Context ctx) throws Exception {
        Member me = Gate.member(ctx);
        ctx.contentType("application/json; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"crux-" + me.name() + ".json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(json.writeValueAsString(myData.of(me.id())));
    }
}
