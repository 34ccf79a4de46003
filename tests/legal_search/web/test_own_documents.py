"""In Chromium, on documents this module imports itself through the pipeline's own JSON format
(into its own indices): markup inside a document renders as text, relations show both ways with
links and statuses, and a procedure warns about a legal basis no longer in force."""

from __future__ import annotations

import json
import uuid

import pytest
from opensearchpy import helpers

import analyzers
from ingest.pipeline import ingest
from ingest.prepare import procedure_action
from legal_search import indices
from legal_search.client import make_client
from legal_search.model import LegalBasis, Procedure
from tests.legal_search.web.conftest import open_tab, serve

OLD, NEW = "98/2024/NĐ-CP", "99/2024/NĐ-CP"
HOSTILE_TITLE = 'Quy định thử hiển thị <script>window.__xss="title"</script> an toàn'
HOSTILE_TEXT = """CHÍNH PHỦ
Số: 99/2024/NĐ-CP
Hà Nội, ngày 01 tháng 5 năm 2024
NGHỊ ĐỊNH
Quy định thử hiển thị <script>window.__xss="title"</script> an toàn
Điều 1. Phạm vi <script>window.__xss="heading"</script>
Nghị định này kiểm thử <img src=x onerror="window.__xss='img'"> và <b>chữ đậm</b>.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2024 và thay thế Nghị định số 98/2024/NĐ-CP.
"""
OLD_TEXT = """CHÍNH PHỦ
Số: 98/2024/NĐ-CP
NGHỊ ĐỊNH
Quy định cũ về kiểm thử hiển thị
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc kiểm thử hiển thị.
"""


def records() -> list[dict]:
    old_key = analyzers.parse_doc_number(OLD).key
    return [
        {"number": OLD, "doc_type": "Nghị định", "issuer": "Chính phủ", "issued_date": "2024-01-02",
         "effective_date": "2024-02-01", "expiry_date": "2024-07-01", "title": "Quy định cũ về kiểm thử hiển thị",
         "status": "EXPIRED", "status_reason": "Bị thay thế bởi Nghị định 99/2024/NĐ-CP", "text": OLD_TEXT},
        {"number": NEW, "doc_type": "Nghị định", "issuer": "Chính phủ", "issued_date": "2024-05-01",
         "effective_date": "2024-07-01", "title": HOSTILE_TITLE, "status": "IN_FORCE", "text": HOSTILE_TEXT,
         "signer": '<script>window.__xss="signer"</script>',
         "source": {"url": "javascript:window.__xss='source'"},
         "relations": [{"kind": "replaces", "target_number": OLD, "target_key": old_key,
                        "evidence": "thay thế Nghị định số 98/2024/NĐ-CP"}]},
    ]


@pytest.fixture(scope="module")
def own(base_settings, tmp_path_factory):
    settings = base_settings.model_copy(update={"index_prefix": f"tweb{uuid.uuid4().hex[:8]}"})
    client = make_client(settings)
    path = tmp_path_factory.mktemp("own") / "own.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    try:
        report = ingest(client, settings, [str(path)], workers=1)
        assert report.counts["indexed"] == 2, report.results
        docs = {r.ids[0]: r for r in report.results}
        old_id = next(i for i in docs if i.startswith("98"))
        proc = Procedure(code="9.999999", name="Thủ tục thử <script>window.__xss='proc'</script> cấp giấy",
                         steps=["Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả."],
                         legal_basis=[LegalBasis(number=OLD, number_key=analyzers.parse_doc_number(OLD).key,
                                                 title="Nghị định cũ", doc_id=old_id)])
        helpers.bulk(client, [procedure_action(proc, settings.procedures_alias)], refresh=True)
        client.indices.refresh(index=settings.docs_alias)
        with serve(settings) as url:
            yield url, sorted(docs)
    finally:
        indices.delete_prefixed(client, settings.index_prefix)


@pytest.fixture
def tab(browser, own):
    context, tab = open_tab(browser, own[0])
    yield tab
    context.close()


def xss_ran(tab) -> bool:
    return tab.page.evaluate("window.__xss !== undefined")


def test_markup_in_a_document_renders_as_text_in_results_and_on_its_page(tab):
    page = tab.page
    tab.go("/?q=kiểm+thử+hiển+thị")
    hits = page.locator("article.hit")
    assert hits.count() == 2
    assert '<script>window.__xss="title"</script>' in page.locator("main").inner_text()
    assert page.locator("main script").count() == 0 and page.locator("img").count() == 0
    assert not xss_ran(tab)
    tab.shot("hostile-document-results")

    with page.expect_navigation():
        page.locator("article.hit h3 a", has_text=NEW).click()
    text = page.locator("main").inner_text()
    assert '<img src=x onerror="window.__xss=\'img\'">' in text and "<b>chữ đậm</b>" in text
    assert '<script>window.__xss="signer"</script>' in text
    assert page.locator("section#dieu-1 h3").inner_text().startswith("Điều 1. Phạm vi <script>")
    assert page.locator("main script, main img, main b").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0  # the source URL stays text
    assert not xss_ran(tab)
    tab.shot("hostile-document-page")
    tab.assert_clean()


def test_relations_show_both_ways_with_links_and_statuses(tab):
    page = tab.page
    tab.go("/?q=" + NEW)
    with page.expect_navigation():
        page.locator("article.hit h3 a").first.click()
    stated = page.locator("section.relations dd").first
    assert page.locator("section.relations dt").first.inner_text() == "Thay thế văn bản"
    assert "Hết hiệu lực toàn bộ" in stated.inner_text()
    with page.expect_navigation():
        stated.locator("a", has_text=OLD).click()
    # the replaced decree: the reverse relation, its status, and a visible warning
    assert page.locator("h1").inner_text() == f"Nghị định {OLD}"
    assert "Văn bản này hết hiệu lực toàn bộ" in page.locator(".warning").inner_text()
    reverse = page.locator("section.relations").inner_text()
    assert "Bị thay thế bởi" in reverse and NEW in reverse and "Còn hiệu lực" in reverse
    tab.shot("relations-reverse")
    tab.assert_clean()


def test_procedure_warns_about_a_basis_no_longer_in_force(tab):
    page = tab.page
    tab.go("/procedures/9.999999")
    assert "<script>" in page.locator("h1").inner_text() and not xss_ran(tab)
    warning = page.locator(".warning").inner_text()
    assert OLD in warning and "không còn hiệu lực" in warning
    row = page.locator("#can-cu ~ div table tbody tr").first.inner_text()
    assert "Hết hiệu lực toàn bộ" in row and "không còn hiệu lực" in row
    assert page.locator("ol.steps li").count() == 2
    tab.shot("procedure-basis-warning")
    tab.assert_clean()
