package io.stashwatch.source;

import io.stashwatch.model.RiverPage;
import io.stashwatch.poe.PageParser;
import io.stashwatch.poe.RawPage;
import java.io.IOException;

/** The production deserializer: the byte-level {@link PageParser}. */
public final class PageParserDeserializer implements RiverPageDeserializer {
    private static final long serialVersionUID = 1L;

    private transient PageParser parser;

    @Override
    public RiverPage deserialize(RawPage raw) throws IOException {
        if (parser == null) {
            parser = new PageParser();
        }
        return parser.parse(raw.body());
    }
}
