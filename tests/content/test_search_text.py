"""Search words: CJK characters apart, words lower-cased, matches marked, snippets cut."""

from hypothesis import given
from hypothesis import strategies as st

from lms.content.markdown import render_markdown
from lms.content.search_text import Term, index_text, marked, plain_text, query_terms, snippet


def test_index_text_sets_every_chinese_character_apart_and_drops_signs():
    """Index "合作社" as three words and "SPO's" as two lower-case ones."""
    assert index_text("勐海合作社（SPO's）", "Premium!") == "勐 海 合 作 社 spo s premium"


def test_query_terms_keep_chinese_runs_together_and_words_apart():
    """Search a Chinese run as one phrase, each word on its own, repeats once."""
    assert query_terms("Fairtrade 合作社, premium PREMIUM") == [
        Term("fairtrade", False),
        Term("合作社", True),
        Term("premium", False),
    ]
    assert Term("合作社", True).tokens == ["合", "作", "社"]
    assert query_terms("<script>\"' OR 1=1 --") == [
        Term("script", False),
        Term("or", False),
        Term("1", False),
    ]
    assert query_terms("?! ——") == []


@given(st.text(max_size=300))
def test_query_terms_hold_only_letters_and_digits(text):
    """Let nothing typed reach the full-text syntax: no quotes, stars, colons or signs."""
    for term in query_terms(text):
        assert term.text and all(char.isalnum() for char in term.text)


def test_plain_text_reads_html_as_a_reader_does():
    """Part words at block tags, not at inline ones; drop the table of contents."""
    html = render_markdown("[TOC]\n\n# Heading\n\n**时间表**：写明 &amp; <b>x</b>\n\n- one\n- two")
    assert plain_text(html) == "Heading 时间表：写明 & x one two"


def test_marked_marks_chinese_inside_words_and_other_forms_of_a_word():
    """Mark "合作" inside "合作社" and "cooperatives" for "cooperative", in any case."""
    terms = query_terms("合作 cooperative")
    assert marked("合作社 Cooperatives, cooperation", terms) == [
        ("合作", True),
        ("社 ", False),
        ("Cooperatives", True),
        (", ", False),
        ("cooperation", True),
    ]
    assert marked("uncooperative", terms) == [("uncooperative", False)]


def test_snippet_cuts_around_the_first_match():
    """Show the words around a match far into a text, with "…" at both cut ends."""
    text = "word " * 100 + "extractor " + "word " * 100
    pieces = snippet(text, query_terms("extractor"), width=60)
    shown = "".join(part for part, _ in pieces)
    assert shown.startswith("…") and shown.endswith("…") and ("extractor", True) in pieces
    assert len(shown) <= 62
    assert snippet("Short text.", query_terms("nothing")) == [("Short text.", False)]
