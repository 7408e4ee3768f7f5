package io.stashwatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceNoteParserTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} {2} {3}")
    @CsvSource(delimiter = ';', value = {
        "~price 5 chaos;        PRICE;  5;      chaos",
        "~b/o 4 exa;            BUYOUT; 4;      exalted",
        "~b/o 1.5 div;          BUYOUT; 1.5;    divine",
        "~price 3/2 divine;     PRICE;  1.5;    divine",
        "~price 1/20 divine;    PRICE;  0.05;   divine",
        "~price 0.5 c;          PRICE;  0.5;    chaos",
        "~b/o 1.5/3 chaos;      BUYOUT; 0.5;    chaos",
        "~price 007 alch;       PRICE;  7;      alch",
        "'  ~price   10    chaos  '; PRICE; 10; chaos",
        "~price 10 Chaos;       PRICE;  10;     chaos",
        "~b/o 2 EXALTED;        BUYOUT; 2;      exalted",
        "~b/o 1 mirror;         BUYOUT; 1;      mirror",
        "~b/o 1 mir;            BUYOUT; 1;      mirror",
        "~b/o 30 fuse;          BUYOUT; 30;     fusing",
        "~b/o 30 fusing;        BUYOUT; 30;     fusing",
        "~b/o 2 exalt;          BUYOUT; 2;      exalted",
        "~b/o 2 ex;             BUYOUT; 2;      exalted",
        "~b/o 9 chisel;         BUYOUT; 9;      chisel",
        "~b/o 1 gcp;            BUYOUT; 1;      gcp",
        "~b/o 40 chrom;         BUYOUT; 40;     chrom",
        "~b/o 80 alt;           BUYOUT; 80;     alt",
        "~b/o 25 jew;           BUYOUT; 25;     jew",
        "~b/o 3 regal;          BUYOUT; 3;      regal",
        "~b/o 3 regret;         BUYOUT; 3;      regret",
        "~b/o 3 scour;          BUYOUT; 3;      scour",
        "~b/o 3 blessed;        BUYOUT; 3;      blessed",
        "~b/o 3 vaal;           BUYOUT; 3;      vaal",
        "~b/o 3 chance;         BUYOUT; 3;      chance",
        "~b/o 3 annul;          BUYOUT; 3;      annul",
        "~price 12345678.25 chaos; PRICE; 12345678.25; chaos",
    })
    void listings(String note, PriceNote.Kind kind, double amount, String currency) {
        NoteResult r = PriceNoteParser.parse(note);
        assertThat(r.isListing()).as(r.toString()).isTrue();
        assertThat(r.reason()).isNull();
        assertThat(r.note().kind()).isEqualTo(kind);
        assertThat(r.note().amount()).isEqualTo(amount);
        assertThat(r.note().currency()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = ';', value = {
        "~c/o 5 chaos;              CURRENT_OFFER",
        "~c/o;                      CURRENT_OFFER",
        "~skip;                     NOT_A_PRICE",
        "5 chaos;                   NOT_A_PRICE",
        "wtb exalted;               NOT_A_PRICE",
        "~pricey 5 chaos;           NOT_A_PRICE",
        "~b/o5 chaos;               NOT_A_PRICE",
        "~PRICE 5 chaos;            NOT_A_PRICE",
        "~price;                    MISSING_AMOUNT",
        "~b/o   ;                   MISSING_AMOUNT",
        "~price chaos;              MISSING_AMOUNT",
        "~price 1/0 chaos;          BAD_AMOUNT",
        "~price 13// chaos;         BAD_AMOUNT",
        "~price 13/ chaos;          BAD_AMOUNT",
        "~price /2 chaos;           BAD_AMOUNT",
        "~price 1/2/3 chaos;        BAD_AMOUNT",
        "~price 13..1 chaos;        BAD_AMOUNT",
        "~price 1.2.3 chaos;        BAD_AMOUNT",
        "~price .5 chaos;           BAD_AMOUNT",
        "~price 5. chaos;           BAD_AMOUNT",
        "~price 1,5 chaos;          BAD_AMOUNT",
        "~price +5 chaos;           BAD_AMOUNT",
        "~price 5c;                 BAD_AMOUNT",
        "~price 1234567890123456 chaos; BAD_AMOUNT",
        "~price 0 chaos;            NOT_POSITIVE",
        "~price 0.0 chaos;          NOT_POSITIVE",
        "~price 0/5 chaos;          NOT_POSITIVE",
        "~price -5 chaos;           NOT_POSITIVE",
        "~price -1/2 chaos;         NOT_POSITIVE",
        "~price 5;                  MISSING_CURRENCY",
        "'~b/o 5   ';               MISSING_CURRENCY",
        "~price 5 chaoss;           UNKNOWN_CURRENCY",
        "~price 5 doubloons;        UNKNOWN_CURRENCY",
        "~price 5 d;                UNKNOWN_CURRENCY",
        "~price 5 chaos each;       TRAILING_TEXT",
        "~b/o 1 divine or offer;    TRAILING_TEXT",
    })
    void notListings(String note, NotListingReason reason) {
        NoteResult r = PriceNoteParser.parse(note);
        assertThat(r.isListing()).as(r.toString()).isFalse();
        assertThat(r.note()).isNull();
        assertThat(r.reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noNote(String note) {
        assertThat(PriceNoteParser.parse(note).reason()).isEqualTo(NotListingReason.NO_NOTE);
    }

    @Test
    void fractionsAreExactWherePossible() {
        assertThat(PriceNoteParser.parse("~price 1/3 divine").note().amount()).isEqualTo(1.0 / 3);
        assertThat(PriceNoteParser.parse("~price 0.1 divine").note().amount()).isEqualTo(0.1);
        assertThat(PriceNoteParser.parse("~price 123.456 chaos").note().amount()).isEqualTo(123.456);
    }

    @Test
    void rejectionsAreSharedAndListingsAreFresh() {
        assertThat(PriceNoteParser.parse("~c/o 1 chaos")).isSameAs(PriceNoteParser.parse("~c/o 2 chaos"));
        assertThat(PriceNoteParser.parse("~b/o 1 chaos")).isNotSameAs(PriceNoteParser.parse("~b/o 1 chaos"));
    }

    @Test
    void canonicalText() {
        assertThat(PriceNoteParser.parse("~b/o 3/2 div").note()).hasToString("~b/o 1.5 divine");
        assertThat(PriceNoteParser.parse("~price 7 c").note()).hasToString("~price 7 chaos");
    }
}
