"""Acceptance in a real headless Chromium against the app served over HTTP on the samples: search,
select a facet, open a document, land on an article, open a procedure; no console errors; phone
width; keyboard focus. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.legal_search.web.conftest import PHONE, open_tab


@pytest.fixture
def tab(browser, site):
    context, tab = open_tab(browser, site)
    yield tab
    context.close()


@pytest.fixture
def phone(browser, site):
    context, tab = open_tab(browser, site, PHONE)
    yield tab
    context.close()


def search_for(tab, text: str) -> None:
    tab.go("/")
    tab.page.fill("#q", text)
    with tab.page.expect_navigation():
        tab.page.press("#q", "Enter")


def test_search_select_a_facet_and_clear_it(tab):
    page = tab.page
    search_for(tab, "đất đai")
    assert "q=" in page.url
    first = page.locator("article.hit h3").first
    assert "45/2013/QH13" in first.inner_text()
    assert page.locator("article.hit mark").count() > 0
    total = int(page.locator("[role=status] strong").inner_text())
    tab.shot("search-desktop")

    decision = page.locator("ul[data-facet=type] a", has_text="Quyết định")
    count = int(re.search(r"\((\d+)\)", decision.locator("xpath=..").inner_text())[1])
    with page.expect_navigation():
        decision.click()
    assert "type=Quy" in page.url
    heads = page.locator("article.hit h3").all_inner_texts()
    assert len(heads) == count and all(h.startswith("Quyết định") for h in heads)
    selected = page.locator("ul[data-facet=type] a[aria-current=true]")
    assert selected.count() == 1 and "Quyết định" in selected.inner_text()
    tab.shot("search-facet-selected")

    with page.expect_navigation():
        page.locator("nav.filters h2 a", has_text="bỏ lọc").click()
    assert "type=" not in page.url
    assert int(page.locator("[role=status] strong").inner_text()) == total
    tab.assert_clean()


def test_open_a_document_from_an_article_snippet_and_land_on_the_article(tab):
    page = tab.page
    search_for(tab, "đất đai")
    link = page.locator("article.hit").first.locator("ul.snippets a").first
    heading = link.inner_text()
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("#" + anchor)
    assert page.evaluate("document.querySelector(':target').id") == anchor
    target = page.locator(f"section#{anchor}")
    assert target.locator("h3").inner_text() == heading
    box = target.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2  # scrolled to it
    assert target.locator(".body").inner_text().strip()  # the article's text is there
    tab.shot("document-article-anchor")

    attrs = dict(zip(page.locator("table.attrs th").all_inner_texts(), page.locator("table.attrs td").all_inner_texts()))
    assert attrs["Số ký hiệu"] == "45/2013/QH13"
    assert attrs["Loại văn bản"] == "Luật" and attrs["Ngày ban hành"] == "29/11/2013"
    assert attrs["Ngày hiệu lực"] == "01/07/2014" and "Nguyễn Sinh Hùng" in attrs["Người ký"]
    assert "Tình trạng hiệu lực" in attrs
    relations = page.locator("section.relations")
    assert "13/2003/QH11" in relations.inner_text()  # stated: this law replaces the 2003 one

    # every outline link has its anchor in the text, and following one lands there
    hrefs = page.locator("nav.toc a").evaluate_all("els => els.map(e => e.getAttribute('href').slice(1))")
    ids = set(page.locator("article.fulltext section").evaluate_all("els => els.map(e => e.id)"))
    assert len(hrefs) > 200 and set(hrefs) <= ids
    page.locator("nav.toc a", has_text="Điều 5.").first.click()
    page.wait_for_url(re.compile("#dieu-5$"))
    assert page.evaluate("document.querySelector(':target').id") == "dieu-5"
    tab.assert_clean()


def test_document_without_stored_text_shows_its_articles(tab):
    response = tab.go("/documents/8-2007-qh12")
    assert response.status == 200
    sections = tab.page.locator("article.fulltext section[id^=dieu-]")
    assert sections.count() > 50
    assert tab.page.locator("section#dieu-1 h3").inner_text().startswith("Điều 1")
    tab.assert_clean()


def test_open_a_procedure_from_the_procedures_tab(tab):
    page = tab.page
    search_for(tab, "sự cố tràn dầu")
    with page.expect_navigation():
        page.locator("ul.tabs a", has_text="Thủ tục hành chính").click()
    assert "tab=procedures" in page.url
    first = page.locator("article.hit h3 a").first
    assert first.inner_text().startswith("Thủ tục thẩm định")
    tab.shot("procedures-tab")
    with page.expect_navigation():
        first.click()
    assert page.url.endswith("/procedures/1.013124")
    assert page.locator("h1").inner_text().startswith("Thủ tục thẩm định")
    assert page.locator("ol.steps li").count() == 3
    main = page.locator("main").inner_text()
    for text in ("Trình tự thực hiện", "Thành phần hồ sơ", "30 Ngày làm việc", "Phí : 0 Đồng", "Dịch vụ bưu chính",
                 "Văn phòng Ủy ban Quốc gia Ứng phó sự cố", "Căn cứ pháp lý", "12/2021/QĐ-TTg"):
        assert text in main
    tab.shot("procedure")
    tab.assert_clean()


def test_nothing_found_offers_the_query_without_filters(tab):
    page = tab.page
    tab.go("/?q=" + quote("đất đai") + "&issued_from=2030-01-01")
    assert "Không tìm thấy văn bản" in page.locator(".empty").inner_text()
    offer = page.locator(".suggestions a", has_text="không kèm bộ lọc")
    tab.shot("no-results")
    with page.expect_navigation():
        offer.click()
    assert "issued_from" not in page.url
    assert int(page.locator("[role=status] strong").inner_text()) > 0
    tab.assert_clean()


def test_unknown_document_is_a_404_page(tab):
    response = tab.go("/documents/khong-co-van-ban-nay")
    assert response.status == 404
    assert "Không tìm thấy" in tab.page.locator("h1").inner_text()
    tab.assert_clean(allowed=("status of 404",))  # Chromium logs the page's own status


def test_keyboard_skip_link_is_first_and_visibly_focused(tab):
    page = tab.page
    tab.go("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["skip", "solid"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    tab.assert_clean()


def test_phone_width_has_no_sideways_scrolling(phone):
    search_for(phone, "bảo hiểm xã hội")
    assert phone.page.locator("article.hit").count() > 0
    assert phone.no_horizontal_scroll()
    phone.shot("search-phone")
    phone.go("/documents/45-2013-qh13#dieu-5")
    assert phone.no_horizontal_scroll()
    phone.shot("document-phone")
    phone.go("/procedures/1.013124")
    assert phone.no_horizontal_scroll()
    phone.shot("procedure-phone")
    phone.assert_clean()


def test_a_hostile_query_renders_as_text(tab):
    page = tab.page
    query = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
    search_for(tab, query)
    assert page.input_value("#q") == query
    assert query in page.locator("[role=status]").first.inner_text()
    assert page.locator("img").count() == 0 and page.locator("main script").count() == 0
    assert page.evaluate("window.__xss === undefined")
    tab.shot("hostile-query")
    tab.assert_clean()
