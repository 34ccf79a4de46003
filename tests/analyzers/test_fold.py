import unicodedata

from analyzers import fold, has_diacritics, normalize


def test_fold_removes_all_vietnamese_diacritics():
    assert fold("Nghị định số 15/2020/NĐ-CP") == "Nghi dinh so 15/2020/ND-CP"
    assert fold("ĐƯỜNG Ướt ơ ư ă â ê ô ỹ") == "DUONG Uot o u a a e o y"


def test_fold_keeps_case_punctuation_and_symbols():
    s = "Hà Nội – “x” ½ € 100% đ"
    assert fold(s) == "Ha Noi – “x” ½ € 100% d"


def test_fold_is_length_and_alignment_preserving_on_nfc():
    letters = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ăâđêôơưĂÂĐÊÔƠƯàáãèéêìíòóôõùúýÀÁÃ"
    f = fold(letters)
    assert len(f) == len(letters) and f.isascii() and f.isalpha()


def test_fold_drops_stray_combining_marks():
    assert fold(unicodedata.normalize("NFD", "Việt")) == "Viet"
    assert fold(normalize(unicodedata.normalize("NFD", "Việt"))) == "Viet"


def test_has_diacritics():
    assert has_diacritics("nghị định")
    assert has_diacritics("đ")
    assert not has_diacritics("nghi dinh 15/2020")
    assert not has_diacritics("")
    assert not has_diacritics("€ – “x”")
