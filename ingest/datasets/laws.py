"""The laws file (``vlc-laws/laws.jsonl``): full texts as thuvienphapluat.vn publishes them,
read through ``extract``. ``filename``/``tvpl_id`` are kept as the source, not as metadata:
the accuracy benchmark uses them as truth."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.datasets._common import DatasetError, Item, read_jsonl
from ingest.extract import extract
from ingest.raw import RawDocument

CREDIT = "thuvienphapluat.vn via undertheseanlp/underthesea datasets/CP_Vietnamese-VLC @71c274d0"
KEYS = frozenset({"filename", "tvpl_id", "text"})
# thuvienphapluat.vn's lĩnh vực, as its URLs spell them (…/van-ban/<slug>/…); an unknown slug
# or "Lĩnh vực khác" gives no field
TVPL_FIELDS = {
    "Bo-may-hanh-chinh": "Bộ máy hành chính", "Tai-nguyen-Moi-truong": "Tài nguyên - Môi trường",
    "Van-hoa-Xa-hoi": "Văn hóa - Xã hội", "Doanh-nghiep": "Doanh nghiệp", "Thuong-mai": "Thương mại",
    "The-thao-Y-te": "Thể thao - Y tế", "Quyen-dan-su": "Quyền dân sự", "Thu-tuc-To-tung": "Thủ tục Tố tụng",
    "Thue-Phi-Le-Phi": "Thuế - Phí - Lệ Phí", "Lao-dong-Tien-luong": "Lao động - Tiền lương",
    "Trach-nhiem-hinh-su": "Trách nhiệm hình sự", "Cong-nghe-thong-tin": "Công nghệ thông tin",
    "Giao-thong-Van-tai": "Giao thông - Vận tải", "Giao-duc": "Giáo dục", "Xay-dung-Do-thi": "Xây dựng - Đô thị",
    "Ke-toan-Kiem-toan": "Kế toán - Kiểm toán", "Bao-hiem": "Bảo hiểm", "Tien-te-Ngan-hang": "Tiền tệ - Ngân hàng",
    "Dau-tu": "Đầu tư", "Tai-chinh-nha-nuoc": "Tài chính nhà nước", "Chung-khoan": "Chứng khoán",
    "Xuat-nhap-khau": "Xuất nhập khẩu", "So-huu-tri-tue": "Sở hữu trí tuệ", "Dich-vu-phap-ly": "Dịch vụ pháp lý",
    "Bat-dong-san": "Bất động sản", "Vi-pham-hanh-chinh": "Vi phạm hành chính",
}


def field_of(url: str) -> str:
    m = re.search(r"/van-ban/([^/]+)/", url or "")
    return TVPL_FIELDS.get(m[1], "") if m else ""


def iter_laws(path: str) -> Iterator[tuple[int, Item]]:
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield line, DatasetError(path, line, "record has no text")
            continue
        raw = RawDocument(path=f"{path}#L{line}", format="jsonl:laws", text=text)
        doc = extract(raw)
        doc.source.dataset = "vlc-laws"
        doc.source.url = str(rec.get("source_url") or "")
        doc.source.credit = CREDIT
        field = field_of(doc.source.url)
        if field and not doc.fields:
            doc.fields = [field]
            doc.provenance["fields"] = "tvpl:url-category"
        yield line, doc
