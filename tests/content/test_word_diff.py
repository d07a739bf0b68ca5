"""The word-level difference trainers read between two revisions of a module."""

from lms.content.word_diff import Segment, has_changes, tokens, word_diff


def rebuild(segments, side):
    keep = {"old": ("same", "removed"), "new": ("same", "added")}[side]
    return "".join(segment.text for segment in segments if segment.op in keep)


def test_a_changed_word_is_shown_alone_between_what_stayed():
    segments = word_diff("The Premium is paid yearly.", "The Premium is paid monthly.")
    assert segments == [
        Segment("same", "The Premium is paid "),
        Segment("removed", "yearly"),
        Segment("added", "monthly"),
        Segment("same", "."),
    ]


def test_chinese_is_compared_character_by_character():
    segments = word_diff("社员大会决定溢价。", "社员代表大会决定溢价。")
    assert Segment("added", "代表") in segments
    assert not [s for s in segments if s.op == "removed"]
    assert tokens("茶园 tea") == ["茶", "园", " ", "tea"]


def test_unchanged_paragraphs_stay_whole_and_both_sides_rebuild():
    old = "# Soil\n\nTest the soil.\n\nPlant in spring.\n"
    new = "# Soil\n\nTest the soil every year.\n\nPlant in spring.\n\nWater often.\n"
    segments = word_diff(old, new)
    assert segments[0] == Segment("same", "# Soil\n\nTest the soil")
    assert rebuild(segments, "old") == old and rebuild(segments, "new") == new
    assert Segment("added", " every year") in segments


def test_identical_texts_have_no_changes_and_empty_texts_no_segments():
    assert not has_changes(word_diff("Same text.", "Same text."))
    assert has_changes(word_diff("", "New."))
    assert word_diff("", "") == []


def test_a_rewritten_sentence_reads_as_one_removal_and_one_addition():
    segments = word_diff("Members decide together.", "Only English changed.")
    assert segments == [
        Segment("removed", "Members decide together"),
        Segment("added", "Only English changed"),
        Segment("same", "."),
    ]
