"""Statuses kept current in the index, end to end on the real node: real laws with real relations
imported in both orders, articles ended by another law, the ``in_force_on`` filter through the
API, relations on the document endpoint both ways, procedures flagged, ``check`` findings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ingest.pipeline import ingest
from legal_search import statuses
from legal_search.api import create_app
from legal_search.settings import PROJECT_ROOT

FIXTURES = Path(__file__).parent / "fixtures"
KDBH_2000 = str(FIXTURES / "laws-kinh-doanh-bao-hiem-2000.jsonl")  # 24/2000/QH10
KDBH_2022 = str(FIXTURES / "laws-kinh-doanh-bao-hiem-2022.jsonl")  # 08/2022/QH15, replaces it
ATVSLD = str(FIXTURES / "laws-an-toan-ve-sinh-lao-dong.jsonl")  # 84/2015/QH13, ends parts of BHXH
SAMPLE_LAWS = str(PROJECT_ROOT / "samples" / "laws" / "laws-sample.jsonl")  # holds BHXH 58/2014/QH13
PROCEDURES = str(PROJECT_ROOT / "samples" / "procedures" / "procedures-sample.jsonl")
OLD, NEW = "24-2000-qh10", "8-2022-qh15"


def _import(client, settings, *paths):
    report = ingest(client, settings, list(paths), workers=1)
    assert report.ok, [r for r in report.results if r.outcome == "failed"]
    return report


def _record(client, settings, record_id):
    return client.get(index=settings.docs_alias, id=record_id)["_source"]


def _native(tmp_path: Path, name: str, *docs: dict) -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def _assert_replaced(client, settings):
    # 08/2022/QH15 Điều 157: 24/2000/QH10 ends on 01/01/2023 except articles 77-81, 83, 94 and 98,
    # which stay in force to the end of 2027: partly expired today, wholly from 01/01/2028
    old, new = _record(client, settings, OLD), _record(client, settings, NEW)
    assert old["status"] == "EXPIRED_PART"
    assert old["status_reason"] == "Hết hiệu lực một phần từ 01/01/2023: thay thế bởi Luật 08/2022/QH15"
    assert old["in_force"] == [{"gte": "2001-04-01", "lt": "2028-01-01"}]
    assert [h["status"] for h in old["status_history"]] == ["NOT_YET", "IN_FORCE", "EXPIRED_PART", "EXPIRED"]
    assert old["status_computed"] is True and old["needs_review"] is False
    assert new["status"] == "IN_FORCE" and new["in_force"] == [{"gte": "2023-01-01"}]
    art = _record(client, settings, f"{OLD}~dieu-1")  # articles carry the document's status and their own
    assert art["status"] == "EXPIRED_PART" and art["article_status"] == "EXPIRED"
    assert art["in_force"] == [{"gte": "2001-04-01", "lt": "2023-01-01"}]
    kept = _record(client, settings, f"{OLD}~dieu-77")
    assert kept["article_status"] == "IN_FORCE" and kept["in_force"] == [{"gte": "2001-04-01", "lt": "2028-01-01"}]


def test_old_law_then_its_replacement(client, settings):
    _import(client, settings, KDBH_2000)
    assert _record(client, settings, OLD)["status"] == "IN_FORCE"
    _import(client, settings, KDBH_2022)  # the old law is not reimported
    _assert_replaced(client, settings)


def test_replacement_first_then_the_old_law(client, settings):
    _import(client, settings, KDBH_2022)
    new = _record(client, settings, NEW)
    assert new["status"] == "IN_FORCE" and "replaces|24/2000/QH10" in new["relation_refs"]
    _import(client, settings, KDBH_2000)
    _assert_replaced(client, settings)


def test_refresh_is_idempotent_and_reports_changes(client, settings):
    _import(client, settings, KDBH_2000, KDBH_2022)
    _assert_replaced(client, settings)
    assert statuses.refresh_statuses(client, settings, [OLD, NEW]) == []
    assert statuses.refresh_statuses(client, settings, [OLD, NEW], today=date(2022, 12, 31)) == [OLD, NEW]
    assert _record(client, settings, OLD)["status"] == "IN_FORCE"
    assert _record(client, settings, NEW)["status"] == "NOT_YET"


def test_articles_ended_by_another_law_get_their_own_status(client, settings):
    _import(client, settings, SAMPLE_LAWS)
    assert _record(client, settings, "58-2014-qh13")["status"] == "IN_FORCE"
    _import(client, settings, ATVSLD)
    bhxh = _record(client, settings, "58-2014-qh13")
    assert bhxh["status"] == "EXPIRED_PART"
    assert bhxh["status_reason"].startswith("Hết hiệu lực một phần từ 01/07/2016: Mục 3 Chương III, khoản 4 Điều 84")
    assert bhxh["status_reason"].endswith("bãi bỏ bởi Luật 84/2015/QH13")
    for anchor in ("dieu-42", "dieu-52", "dieu-104", "dieu-117"):  # Mục 3 Chương III is Điều 42–52
        art = _record(client, settings, f"58-2014-qh13~{anchor}")
        assert art["article_status"] == "EXPIRED", anchor
        assert art["in_force"] == [{"gte": "2016-01-01", "lt": "2016-07-01"}], anchor
        assert art["status"] == "EXPIRED_PART"  # the document's, for hits and facets
    kept = _record(client, settings, "58-2014-qh13~dieu-103")
    assert kept["article_status"] == "IN_FORCE" and kept["in_force"] == [{"gte": "2016-01-01"}]
    partly = _record(client, settings, "58-2014-qh13~dieu-84")  # only its khoản 4 ended
    assert partly["article_status"] == "EXPIRED_PART" and partly["in_force"] == [{"gte": "2016-01-01"}]


def test_in_force_on_through_the_api(client, settings):
    _import(client, settings, KDBH_2000, KDBH_2022, SAMPLE_LAWS, ATVSLD)
    api = TestClient(create_app(settings), raise_server_exceptions=False)

    def ids(**params):
        resp = api.get("/api/search", params={"q": "kinh doanh bảo hiểm", "size": 50, **params})
        assert resp.status_code == 200, resp.text
        return {h["id"] for h in resp.json()["hits"]}

    assert {OLD, NEW} <= ids()
    assert OLD in ids(in_force_on="2022-06-01") and NEW not in ids(in_force_on="2022-06-01")
    assert NEW in ids(in_force_on="2029-01-01") and OLD not in ids(in_force_on="2029-01-01")
    assert not ids(in_force_on="2000-01-01") & {OLD, NEW}

    def anchors(day):
        resp = api.get("/api/search", params={"q": "hồ sơ hưởng chế độ tai nạn lao động", "kind": "articles",
                                              "size": 20, "in_force_on": day})
        assert resp.status_code == 200, resp.text
        return {a["anchor"] for a in _articles(resp.json()) if a["doc_id"] == "58-2014-qh13"}

    # Điều 104 (repealed from 01/07/2016) matches before that day, never after
    before, after = anchors("2016-03-01"), anchors("2017-03-01")
    assert "dieu-104" in before and "dieu-104" not in after
    assert "dieu-104" in anchors("2016-06-30") and "dieu-104" not in anchors("2016-07-01")
    assert after, "other articles of the law are still in force"


def _articles(body: dict) -> list[dict]:
    """Article hits, whether listed on their own or under their documents."""
    if body.get("articles"):
        return body["articles"]
    return [{**a, "doc_id": h["id"]} for h in body["hits"] for a in h.get("articles", [])]


def test_document_endpoint_relations_both_ways(client, settings):
    _import(client, settings, KDBH_2000, KDBH_2022)
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    new = api.get(f"/api/documents/{NEW}").json()
    # the staged ending of Điều 157 gives two entries: most of the law, then the kept articles
    replaced, kept = new["relations"]["replaces"]
    assert (replaced["scope"], replaced["effective_date"]) == (
        "toàn bộ, trừ các điều 77, 78, 79, 80, 81, 83, 94 và 98", "2023-01-01")
    assert (kept["scope"], kept["effective_date"]) == ("các điều 77, 78, 79, 80, 81, 83, 94 và 98", "2028-01-01")
    assert replaced["doc_id"] == OLD and replaced["number"] == "24/2000/QH10"
    assert replaced["status"] == "EXPIRED_PART" and replaced["link"] == f"/documents/{OLD}"
    assert replaced["title"]
    old = api.get(f"/api/documents/{OLD}").json()
    assert old["status"] == "EXPIRED_PART" and old["status_reason"].endswith("thay thế bởi Luật 08/2022/QH15")
    assert [h["status"] for h in old["status_history"]] == ["NOT_YET", "IN_FORCE", "EXPIRED_PART", "EXPIRED"]
    by = old["relations"]["replaced_by"][0]
    assert by == {**by, "doc_id": NEW, "number": "08/2022/QH15", "status": "IN_FORCE",
                  "link": f"/documents/{NEW}", "effective_date": "2023-01-01"}


def test_unresolved_relations_keep_the_number_only(client, settings):
    _import(client, settings, SAMPLE_LAWS)
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    land = api.get("/api/documents/45-2013-qh13").json()
    numbers = {r["number"]: r for r in land["relations"]["replaces"]}
    assert set(numbers) == {"13/2003/QH11", "49/2013/QH13"}
    assert numbers["13/2003/QH11"]["link"] is None and numbers["13/2003/QH11"]["doc_id"] is None


DETAILED_LAW = {"number": "10/2018/QH14", "doc_type": "Luật", "issuer": "Quốc hội", "title": "Luật Thử nghiệm",
                "issued_date": "2018-06-01", "effective_date": "2019-01-01"}
DETAILING_DECREE = {"number": "20/2019/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ",
                    "title": "Quy định chi tiết Luật Thử nghiệm", "issued_date": "2019-02-01",
                    "effective_date": "2019-04-01",
                    "relations": [{"kind": "details", "target_number": "10/2018/QH14", "target_key": "10/2018/QH14"}]}
REPLACING_LAW = {"number": "30/2020/QH14", "doc_type": "Luật", "issuer": "Quốc hội", "title": "Luật Thử nghiệm mới",
                 "issued_date": "2020-06-01", "effective_date": "2021-01-01",
                 "relations": [{"kind": "replaces", "target_number": "10/2018/QH14", "target_key": "10/2018/QH14"}]}


def test_replacing_a_law_ends_its_detailing_decree_2015_regime(client, settings, tmp_path):
    _import(client, settings, _native(tmp_path, "base.jsonl", DETAILED_LAW, DETAILING_DECREE))
    assert _record(client, settings, "20-2019-nd-cp")["status"] == "IN_FORCE"
    _import(client, settings, _native(tmp_path, "new.jsonl", REPLACING_LAW))  # neither is reimported
    assert _record(client, settings, "10-2018-qh14")["status"] == "EXPIRED"
    decree = _record(client, settings, "20-2019-nd-cp")
    assert decree["status"] == "EXPIRED" and "khoản 4 Điều 154 Luật 80/2015/QH13" in decree["status_reason"]


def test_procedure_flagged_when_its_basis_is_replaced(client, settings, tmp_path):
    _import(client, settings, PROCEDURES)  # 1.013124 rests on Quyết định 12/2021/QĐ-TTg
    basis = {"number": "12/2021/QĐ-TTg", "doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ",
             "title": "Ban hành Quy chế hoạt động ứng phó với sự cố tràn dầu", "issued_date": "2021-03-24",
             "effective_date": "2021-05-10"}
    _import(client, settings, _native(tmp_path, "basis.jsonl", basis))
    proc = client.get(index=settings.procedures_alias, id="1.013124")["_source"]
    assert proc["basis_flag"] == "ok"
    replacing = {"number": "40/2024/QĐ-TTg", "doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ",
                 "title": "Ban hành Quy chế mới", "issued_date": "2024-06-01", "effective_date": "2024-08-01",
                 "relations": [{"kind": "replaces", "target_number": "12/2021/QĐ-TTg"}]}
    _import(client, settings, _native(tmp_path, "replacing.jsonl", replacing))
    proc = client.get(index=settings.procedures_alias, id="1.013124")["_source"]
    assert proc["basis_flag"] == "basis_expired"
    [issue] = proc["procedure"]["basis_issues"]
    assert issue.startswith("Căn cứ Quyết định 12/2021/QĐ-TTg: Hết hiệu lực toàn bộ từ 01/08/2024")
    flagged = [b for b in proc["procedure"]["legal_basis"] if b["basis_flag"]]
    assert flagged and all(b["basis_flag"]["flag"] == "basis_expired" for b in flagged)
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    assert api.get("/api/procedures/1.013124").json()["basis_flag"] == "basis_expired"


def test_check_reports_cycles_and_self_references_without_crashing(client, settings, tmp_path):
    a = {"number": "1/2020/TT-BTC", "doc_type": "Thông tư", "issuer": "Bộ Tài chính", "title": "A",
         "issued_date": "2020-01-01", "effective_date": "2020-03-01",
         "relations": [{"kind": "amends", "target_number": "2/2020/TT-BTC"},
                       {"kind": "repeals", "target_number": "1/2020/TT-BTC"}]}
    b = {"number": "2/2020/TT-BTC", "doc_type": "Thông tư", "issuer": "Bộ Tài chính", "title": "B",
         "issued_date": "2020-02-01", "effective_date": "2020-04-01",
         "relations": [{"kind": "amends", "target_number": "1/2020/TT-BTC"}]}
    _import(client, settings, _native(tmp_path, "loop.jsonl", a, b))
    report = statuses.check(client, settings)
    assert report.documents == 2
    assert report.counts["CYCLE"] == 1 and report.counts["SELF_REFERENCE"] == 1
    assert report.severities["error"] >= 2
    assert _record(client, settings, "1-2020-tt-btc")["status"]  # statuses were still computed


def test_check_command_prints_counts_as_json(client, settings, tmp_path):
    import subprocess
    import sys

    self_ref = {"number": "3/2021/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", "title": "C",
                "issued_date": "2021-01-10", "effective_date": "2020-12-01",  # effective before issue
                "relations": [{"kind": "replaces", "target_number": "3/2021/NĐ-CP"}]}
    _import(client, settings, _native(tmp_path, "self.jsonl", self_ref))
    env = {**__import__("os").environ, "LEGAL_SEARCH_OPENSEARCH_URL": settings.url,
           "LEGAL_SEARCH_INDEX_PREFIX": settings.index_prefix}
    proc = subprocess.run([sys.executable, "-m", "legal_search.cli", "check", "--json", "--refresh"],
                          capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["documents"] == 1
    assert out["counts"]["SELF_REFERENCE"] == 1 and out["counts"]["EVENT_BEFORE_ISSUE"] == 1
    assert {f["doc_id"] for f in out["findings"]} == {"3-2021-nd-cp"}
    assert "refreshed: 0 document status(es)" in proc.stderr  # the import already computed them


def test_a_law_named_by_title_and_date_links_when_it_arrives(client, settings, tmp_path):
    # the §3.10 pattern "Luật này thay thế Luật giao thông đường bộ ngày 29 tháng 6 năm 2001"
    new = {"number": "23/2008/QH12", "doc_type": "Luật", "issuer": "Quốc hội", "title": "Giao thông đường bộ",
           "issued_date": "2008-11-13", "effective_date": "2009-07-01",
           "relations": [{"kind": "replaces", "target_title": "Luật giao thông đường bộ ngày 29 tháng 6 năm 2001"}]}
    old = {"number": "26/2001/QH10", "doc_type": "Luật", "issuer": "Quốc hội", "title": "Giao thông đường bộ",
           "issued_date": "2001-06-29", "effective_date": "2002-01-01"}
    _import(client, settings, _native(tmp_path, "new.jsonl", new))
    assert _record(client, settings, "23-2008-qh12")["relation_refs"] == ["replaces|@2001-06-29"]
    _import(client, settings, _native(tmp_path, "old.jsonl", old))
    stored = _record(client, settings, "26-2001-qh10")
    assert stored["status"] == "EXPIRED"
    assert stored["status_reason"] == "Hết hiệu lực toàn bộ từ 01/07/2009: thay thế bởi Luật 23/2008/QH12"
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    [by] = api.get("/api/documents/26-2001-qh10").json()["relations"]["replaced_by"]
    assert by["doc_id"] == "23-2008-qh12" and by["link"] == "/documents/23-2008-qh12"


def test_source_label_kept_beside_the_computed_status_and_disagreement_recorded(client, settings, tmp_path):
    labelled = {"number": "5/2019/TT-BTC", "doc_type": "Thông tư", "issuer": "Bộ Tài chính", "title": "D",
                "issued_date": "2019-01-10", "effective_date": "2019-03-01",
                "status_raw": "Hết hiệu lực toàn bộ", "status_source": "vbpl"}
    label_only = {"number": "6/2019/TT-BTC", "doc_type": "Thông tư", "issuer": "Bộ Tài chính", "title": "E",
                  "issued_date": "2019-01-10", "status_raw": "Còn hiệu lực", "status_source": "catalogue"}
    _import(client, settings, _native(tmp_path, "labels.jsonl", labelled, label_only))
    first = _record(client, settings, "5-2019-tt-btc")
    assert (first["status"], first["status_raw"], first["status_source"]) == ("IN_FORCE", "Hết hiệu lực toàn bộ", "vbpl")
    assert first["status_disagreement"] == ("Nhãn nguồn (vbpl) “Hết hiệu lực toàn bộ” khác trạng thái "
                                            "tính được “Còn hiệu lực”")
    second = _record(client, settings, "6-2019-tt-btc")  # no date to compute from: the label, to review
    assert second["status"] == "IN_FORCE" and second["status_computed"] is False and second["needs_review"] is True
    assert "theo nhãn của nguồn catalogue" in second["status_reason"]
    codes = {f.code for f in statuses.check(client, settings).findings if f.doc_id == "5-2019-tt-btc"}
    assert "V3" in codes


def test_article_endpoint_gives_the_article_status(client, settings):
    _import(client, settings, SAMPLE_LAWS, ATVSLD)
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    art = api.get("/api/documents/58-2014-qh13/articles/dieu-104").json()
    assert art["status"] == "EXPIRED_PART" and art["article_status"] == "EXPIRED"
    assert art["article_status_reason"].startswith("Hết hiệu lực toàn bộ từ 01/07/2016")
    assert art["in_force"] == [{"gte": "2016-01-01", "lt": "2016-07-01"}]


def test_a_status_stored_on_an_earlier_day_is_brought_to_today_from_its_history(client, settings):
    _import(client, settings, KDBH_2000, KDBH_2022)
    statuses.refresh_statuses(client, settings, [OLD, NEW], today=date(2022, 12, 31))
    stored = _record(client, settings, NEW)
    assert (stored["status"], stored["status_as_of"]) == ("NOT_YET", "2022-12-31")
    api = TestClient(create_app(settings), raise_server_exceptions=False)
    doc = api.get(f"/api/documents/{NEW}").json()
    assert doc["status"] == "IN_FORCE" and doc["status_reason"] == "Còn hiệu lực từ 01/01/2023"
    assert doc["status_as_of"] == date.today().isoformat()
    assert set(statuses.refresh_all(client, settings).documents) == {OLD, NEW}  # the index, brought up to date
    assert _record(client, settings, NEW)["status"] == "IN_FORCE"
