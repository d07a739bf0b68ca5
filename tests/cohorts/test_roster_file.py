"""Reading a list of participants: encodings, headings in either language, line numbers."""

import pytest

from lms.cohorts.roster_file import RosterFileError, heading_key, read_roster


def test_headings_in_any_order_and_either_language():
    """Chinese and English headings name the same columns; other columns are left out."""
    text = "序号,手机号,姓名,备注,小农组织/合作社,E-mail,Language\n"
    text += "1,13800138000,李伟,-,menghai,,zh\n"
    roster = read_roster(text.encode("utf-8"))
    assert roster.headings == {
        "mobile": "手机号",
        "name": "姓名",
        "spo": "小农组织/合作社",
        "email": "E-mail",
        "language": "Language",
    }
    assert roster.rows[0].line == 2
    assert roster.rows[0].cells == {
        "mobile": "13800138000",
        "name": "李伟",
        "spo": "menghai",
        "email": "",
        "language": "zh",
    }
    assert [heading_key(t) for t in ("电子邮箱", "Mobile Number", "full_name", "备注")] == [
        "email",
        "mobile",
        "name",
        None,
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_the_encodings_excel_writes(encoding):
    """UTF-8 with or without BOM, GB18030 (Excel in China), UTF-16 (Excel's Unicode text)."""
    text = "姓名,合作社,手机\n张小红,普洱茶合作社,139 1234 5678\n"
    row = read_roster(text.encode(encoding)).rows[0]
    assert row.cells["name"] == "张小红" and row.cells["spo"] == "普洱茶合作社"


def test_lines_are_counted_as_the_file_has_them():
    """Blank lines are skipped, and a quoted cell over two lines keeps the next row's line."""
    text = 'name;spo;email\n\n"Ann\nLee";a;ann@example.org\nBo;b;bo@example.org\n'
    rows = read_roster(text.encode()).rows
    assert [(row.line, row.cells["name"]) for row in rows] == [(3, "Ann\nLee"), (5, "Bo")]


def test_two_columns_with_one_meaning_are_refused():
    """邮箱 and E-mail both head a column: the file says which line."""
    with pytest.raises(RosterFileError) as caught:
        read_roster("name,spo,邮箱,E-mail\nA,b,c,d\n".encode())
    assert caught.value.line == 1 and "“邮箱” and “E-mail”" in str(caught.value)


def test_a_list_without_a_way_to_log_in_is_refused():
    """Without an e-mail or a mobile column, nobody could log in."""
    with pytest.raises(RosterFileError, match="add a column for the e-mail"):
        read_roster(b"name,spo\nA,b\n")
