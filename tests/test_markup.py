from press.content import markup


def cite(ref: str) -> int:
    return {"a": 1, "b": 2}[ref]


def stat(stat_id: str) -> tuple[str, str]:
    return {"s": ("24%", "b")}[stat_id]


def test_markup_is_escaped_never_interpreted() -> None:
    html = markup.to_html("<script>alert(1)</script> & *safe*", cite, stat)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<em>safe</em>" in html


def test_citations_and_figures_carry_their_reference_number() -> None:
    html = markup.to_html("found that [stat:s] of women [@a].", cite, stat)
    assert ('<span class="figure">24%</span>\u2060<sup class="cite"><a href="#ref-2">2</a>'
            "</sup>") in html  # joined to the figure: never a line of its own
    assert '<a href="#ref-1">1</a>' in html


def test_links_keep_their_address_escaped() -> None:
    html = markup.to_html('[site](https://example.org/?a="b")', cite, stat)
    assert 'href="https://example.org/?a=&#34;b&#34;"' in html


def test_typed_percentages_are_found() -> None:
    assert markup.typed_numbers("about 70% of arrests") == ["70%"]
    assert markup.typed_numbers("24 percent of women") == ["24 percent"]
    assert markup.typed_numbers("in 2013 and 1994") == []


def test_typeset_curls_apostrophes_and_quotes() -> None:
    assert markup.typeset('can\'t "help"') == "can\u2019t \u201chelp\u201d"


def test_references_in_text_follow_first_use() -> None:
    refs = markup.references_in("[@b] then [stat:s] then [@a]", lambda s: "b")
    assert refs == ["b", "a"]
