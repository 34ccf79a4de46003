"""Write N small plain-text decisions into a folder: an archive of many files rather than a few
large datasets, for ``bench_ingest.py --data FOLDER``.

Each file is one provincial Quyết định (header, căn cứ, three Điều whose text is taken at random
from real Pháp điển articles, an effective-date article, a signature), with its own number, so
every file is one document. Seeded: the same N gives the same files.

    .venv/bin/python bench/make_many_files.py /tmp/many --files 2000
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHAPDIEN = ROOT.parent / "shared" / "data" / "phapdien" / "dieu.jsonl"


def article_texts(limit: int = 8000) -> list[str]:
    out = []
    with open(PHAPDIEN, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("noidung") or ""
            if 300 < len(text) < 3000:
                out.append(text)
                if len(out) >= limit:
                    break
    return out


def decision(n: int, articles: list[str]) -> str:
    body = "\n".join(f"Điều {k}. Quy định số {k}\n{a}" for k, a in enumerate(articles, 1))
    return (f"ỦY BAN NHÂN DÂN\nTỈNH BÌNH DƯƠNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Số: {n}/2020/QĐ-UBND\nBình Dương, ngày {1 + n % 28} tháng {1 + n % 12} năm 2020\n"
            f"QUYẾT ĐỊNH\nVề việc ban hành quy định số {n}\nỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG\n"
            f"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n{body}\n"
            f"Điều {len(articles) + 1}. Quyết định này có hiệu lực kể từ ngày ký.\n"
            f"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = article_texts()
    args.folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, args.files + 1):
        (args.folder / f"qd-{n:05d}.txt").write_text(decision(n, rng.sample(texts, 3)), encoding="utf-8")
    print(f"{args.files} files in {args.folder}")


if __name__ == "__main__":
    main()
