from search.text import (
    MARK_END,
    MARK_START,
    MAX_QUERY_LENGTH,
    clean_query,
    highlight,
    marked_html,
    normalise,
    plain_text,
    query_words,
    too_many_words,
)


def test_normalise_removes_accents_case_and_punctuation():
    assert normalise("Jūrmala") == normalise("JURMALA") == normalise("jurmala") == "jurmala"
    assert normalise("Gijón, Spain!") == "gijon spain"
    assert normalise("Łódź") == "lodz"
    assert normalise("Straße") == "strasse"
    assert normalise("ALT/BAU") == "alt bau"


def test_normalise_of_nothing_or_punctuation_is_empty():
    assert normalise("") == normalise(None) == normalise("!!! ... ???") == ""


def test_clean_query_drops_nul_surrogates_controls_and_private_marks():
    query, cut = clean_query("ri\x00ga\ud800 \x07x" + MARK_START + "y" + MARK_END)
    # Each becomes a space between words.
    assert query == "ri ga x y"
    assert not cut


def test_clean_query_cuts_long_queries():
    query, cut = clean_query("a" * 2000)
    assert len(query) == MAX_QUERY_LENGTH
    assert cut
    assert clean_query("  short   query ") == ("short query", False)


def test_query_words_are_distinct_and_bounded():
    assert query_words("Riga riga RĪGA") == ["riga"]
    many = " ".join(f"word{n}" for n in range(30))
    assert len(query_words(many)) == 12
    assert too_many_words(many)
    assert not too_many_words("one two")


def test_plain_text_of_html():
    assert plain_text("<p>One &amp; two</p><p>three<br>four</p>") == "One & two three four"


def test_marked_html_escapes_everything_but_the_marks():
    html = marked_html(f"<b>{MARK_START}<i>Riga</i>{MARK_END}</b> & co")
    assert str(html) == "&lt;b&gt;<mark>&lt;i&gt;Riga&lt;/i&gt;</mark>&lt;/b&gt; &amp; co"


def test_highlight_marks_matches_ignoring_accents_and_escapes():
    html = str(highlight("<script>x</script> visit Jūrmala and jurmala beach", ["jurmala"]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<mark>") == 2
    assert "<mark>Jūrmala</mark>" in html


def test_highlight_matches_the_start_of_words_only():
    assert "<mark>" not in str(highlight("origami", ["riga"]))
    assert "<mark>Riga</mark>s" in str(highlight("Rigas dome", ["riga"]))


def test_highlight_windows_a_long_text_around_the_first_match():
    text = "word " * 200 + "Chemnitz " + "word " * 200
    html = str(highlight(text, ["chemnitz"]))
    assert "<mark>Chemnitz</mark>" in html
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert len(html) < 400


def test_highlight_without_a_match_shows_the_beginning():
    assert str(highlight("First words here.", ["absent"])) == "First words here."
