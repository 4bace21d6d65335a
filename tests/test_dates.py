"""rasd.dates: finding and resolving Arabic date expressions against a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.dates import date_for, find_date_expressions, parse_published, resolve_date_expression

TUESDAY = "2015-08-11"  # a Tuesday; 26 Shawwal 1436 in the Umm al-Qura calendar


def resolve_all(text: str, published: str | None = TUESDAY) -> list[tuple[str, str | None, str | None]]:
    pub = date.fromisoformat(published) if published else None
    return [(e.text, *resolve_date_expression(e, pub)) for e in find_date_expressions(text)]


def first(text: str, published: str | None = TUESDAY) -> tuple[str | None, str | None]:
    return date_for(text, 0, len(text), published)


@pytest.mark.parametrize("text, iso", [
    ("قتل خمسة أشخاص اليوم في صنعاء", "2015-08-11"),
    ("قتل خمسة أشخاص أمس في صنعاء", "2015-08-10"),
    ("قتل خمسة أشخاص بالأمس في صنعاء", "2015-08-10"),
    ("وقال الوزير يوم أمس إن", "2015-08-10"),
    ("وقع الهجوم أول أمس في عدن", "2015-08-09"),
    ("وقع الهجوم أول من أمس في عدن", "2015-08-09"),
    ("وقع الهجوم أمس الأول في عدن", "2015-08-09"),
    ("تبدأ المحادثات غدا في جنيف", "2015-08-12"),
    ("تبدأ المحادثات يوم غد في جنيف", "2015-08-12"),
    ("سيطر التنظيم على المدينة الليلة الماضية", "2015-08-10"),
    ("تعقد الجلسة الليلة", "2015-08-11"),
    ("أعلنت الوزارة صباح اليوم", "2015-08-11"),
    ("شن الطيران غارات فجر اليوم", "2015-08-11"),
    ("طالب عباس مساء أمس الاثنين", "2015-08-10"),
    ("طالب عباس مساء أمس (الاثنين)", "2015-08-10"),
    ("صرح مصدر اليوم الثلاثاء", "2015-08-11"),
    ("هجوم انتحاري مساء أول من أمس", "2015-08-09"),
])
def test_relative_days(text: str, iso: str) -> None:
    assert first(text) == (iso, "day")


@pytest.mark.parametrize("text, iso", [
    ("اجتمع الوزراء الأحد في الرياض", "2015-08-09"),
    ("اجتمع الوزراء يوم الأحد في الرياض", "2015-08-09"),
    ("اجتمع الوزراء (الأحد) في الرياض", "2015-08-09"),
    ("اجتمع الوزراء الأحد الماضي في الرياض", "2015-08-09"),
    ("اجتمع الوزراء يوم الأحد الماضي", "2015-08-09"),
    ("اجتمع الوزراء والأحد", "2015-08-09"),
    ("اندلعت اشتباكات مساء الأربعاء", "2015-08-05"),
    ("وصل الوفد فجر السبت", "2015-08-08"),
    ("قال الجمعة الماضية", "2015-08-07"),
    ("اجتمع الوزراء الاثنين", "2015-08-10"),
    ("اجتمع الوزراء الإثنين", "2015-08-10"),
])
def test_weekdays_are_the_latest_on_or_before_publication(text: str, iso: str) -> None:
    assert first(text) == (iso, "day")


def test_weekday_edge_cases() -> None:
    assert first("اجتمع الوزراء الثلاثاء") == (TUESDAY, "day")  # same weekday: the day itself
    assert first("اجتمع الوزراء الثلاثاء الماضي") == ("2015-08-04", "day")  # الماضي: strictly before
    assert first("يجتمع الوزراء الأحد المقبل") == ("2015-08-16", "day")  # the next one: future
    assert first("يجتمع الوزراء الثلاثاء المقبل") == ("2015-08-18", "day")
    assert first("يجتمع الوزراء الأربعاء القادم") == ("2015-08-12", "day")
    assert first("اجتمعوا الأحد قبل الماضي") == ("2015-08-02", "day")
    assert first("وصل الأحد", "2015-08-09") == ("2015-08-09", "day")  # published on a Sunday


def test_named_weekday_wins_over_the_count() -> None:
    # Articles are often dated the day after they were written.
    assert first("قال مكونيل أمس الثلاثاء إن", "2015-08-06") == ("2015-08-04", "day")
    assert first("صرح مصدر اليوم السبت بأن", "2015-08-09") == ("2015-08-08", "day")
    assert first("تبدأ المحادثات غدا الخميس", "2015-08-11") == ("2015-08-13", "day")


def test_eleven_is_no_weekday() -> None:
    assert find_date_expressions("شارك الأحد عشر لاعبا") == []


@pytest.mark.parametrize("text, iso", [
    ("وقع الهجوم في 15 أغسطس 2015", "2015-08-15"),
    ("وقع الهجوم في 15 آب/أغسطس 2015", "2015-08-15"),
    ("وقع الهجوم في 15 آب (أغسطس) 2015", "2015-08-15"),
    ("وقع الهجوم في 15 أغسطس آب 2015", "2015-08-15"),
    ("وقع الهجوم في 3 كانون الثاني 2015", "2015-01-03"),
    ("وقع الهجوم في 3 يناير/كانون الثاني من عام 2014", "2014-01-03"),
    ("وقع الهجوم في 2015/8/15", "2015-08-15"),
    ("وقع الهجوم في 15-8-2015", "2015-08-15"),
    ("وقع الهجوم في 15/08/2015م", "2015-08-15"),
    ("وقع الهجوم في 5 أبريل 2014", "2014-04-05"),
    ("وقع الهجوم في 5 إبريل 2014", "2014-04-05"),
    ("وقع الهجوم في 5 نيسان 2014", "2014-04-05"),
    ("وقع الهجوم في 9 مايو/أيار 2014", "2014-05-09"),
    ("وقع الهجوم في 9 يونيه 2014", "2014-06-09"),
    ("وقع الهجوم في 9 حزيران 2014", "2014-06-09"),
    ("وقع الهجوم في 9 يوليه 2014", "2014-07-09"),
    ("وقع الهجوم في 9 تموز 2014", "2014-07-09"),
    ("وقع الهجوم في 9 أيلول 2014", "2014-09-09"),
    ("وقع الهجوم في 9 تشرين الأول 2014", "2014-10-09"),
    ("وقع الهجوم في 9 كانون الأول 2014", "2014-12-09"),
    ("وقع الهجوم السبت الموافق 8 أغسطس 2015م", "2015-08-08"),
    ("وقع الهجوم الأحد 9 أغسطس", "2015-08-09"),
])
def test_explicit_gregorian_dates(text: str, iso: str) -> None:
    assert first(text) == (iso, "day")


@pytest.mark.parametrize("text, iso", [
    ("الخامس عشر من أغسطس", "2015-08-15"),
    ("في الخامس عشر من شهر أغسطس", "2015-08-15"),
    ("في الحادي والعشرين من يوليو", "2015-07-21"),
    ("في الأول من يوليو", "2015-07-01"),
    ("15 آب/أغسطس الماضي", "2014-08-15"),  # the 15th is after publication: last year's
    ("3 آب/أغسطس الماضي", "2015-08-03"),
    ("3 أغسطس الجاري", "2015-08-03"),
    ("20 سبتمبر المقبل", "2015-09-20"),
    ("في 29 يونيو", "2015-06-29"),
    ("في 7 سبتمبر", "2015-09-07"),  # no year: the nearest September 7th
    ("في 3 فبراير", "2015-02-03"),
])
def test_dates_without_year(text: str, iso: str) -> None:
    assert first(text) == (iso, "day")


@pytest.mark.parametrize("text, iso, precision", [
    ("في أغسطس الماضي", "2014-08-01", "month"),
    ("في يوليو الماضي", "2015-07-01", "month"),
    ("في شهر يوليو", "2015-07-01", "month"),
    ("مطلع يونيو", "2015-06-01", "month"),
    ("في فبراير (شباط) الماضي", "2015-02-01", "month"),
    ("في أكتوبر من العام الماضي", "2014-10-01", "month"),
    ("في مايو 2014", "2014-05-01", "month"),
    ("الأسبوع الماضي", "2015-08-03", "week"),
    ("مطلع الأسبوع", "2015-08-10", "week"),
    ("الأسبوع المقبل", "2015-08-17", "week"),
    ("الشهر الماضي", "2015-07-01", "month"),
    ("العام الماضي", "2014-01-01", "year"),
    ("السنة الماضية", "2014-01-01", "year"),
    ("هذا العام", "2015-01-01", "year"),
    ("في عام 2013", "2013-01-01", "year"),
])
def test_periods(text: str, iso: str, precision: str) -> None:
    assert first(text) == (iso, precision)


def test_ambiguous_month_names_need_context() -> None:
    assert find_date_expressions("قال طارق رمضان إن") == []
    assert find_date_expressions("مارس ضغوطا على الحكومة") == []
    assert find_date_expressions("درجة الحرارة صفر") == []
    assert first("خلال شهر رمضان الماضي") == ("2015-06-18", "month")  # 1 Ramadan 1436
    assert first("في رمضان الماضي") == ("2015-06-18", "month")


@pytest.mark.parametrize("text, iso", [
    ("12 شوال 1436 هـ", "2015-07-28"),
    ("12 شوال 1436هـ", "2015-07-28"),
    ("١٢ شوال ١٤٣٦ هـ", "2015-07-28"),
    ("في 12/10/1436هـ", "2015-07-28"),
    ("في الأول من ذي الحجة 1436", "2015-09-14"),
    ("25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", "2015-08-10"),
    ("في 3 ربيع الآخر 1436", "2015-01-23"),
    ("في 3 ربيع الثاني 1436", "2015-01-23"),
    ("في 3 جمادى الآخرة 1436", "2015-03-23"),
    ("غرة ذي القعدة", "2015-08-16"),  # no year: the nearest, five days after publication
    ("3 شوال", "2015-07-19"),
])
def test_hijri_dates(text: str, iso: str) -> None:
    assert first(text) == (iso, "day")


def test_hijri_day_30_of_a_29_day_month_does_not_resolve() -> None:
    # Ramadan 1436 had 29 days in the Umm al-Qura calendar.
    assert first("30 رمضان 1436 هـ") == (None, None)


def test_clitics_stay_outside_the_span() -> None:
    text = "وبالأمس قصفت الطائرات، وفي 15 أغسطس 2015 وأول من أمس والأحد الماضي وب15 مايو 2014"
    assert [e.text for e in find_date_expressions(text)] == [
        "الأمس", "15 أغسطس 2015", "أول من أمس", "الأحد الماضي", "15 مايو 2014"]


def test_diacritics_and_tatweel() -> None:
    text = "قَصَفَتِ الطائراتُ أَمْسِ والأحـد المُقْبِلَ"
    found = resolve_all(text)
    assert found == [("أَمْسِ", "2015-08-10", "day"), ("الأحـد المُقْبِلَ", "2015-08-16", "day")]


def test_eastern_digits() -> None:
    assert first("وقع الهجوم في ١٥ أغسطس ٢٠١٥") == ("2015-08-15", "day")
    assert first("وقع الهجوم في ۱۵/۸/۲۰۱۵") == ("2015-08-15", "day")


def test_without_publication_only_absolute_dates_resolve() -> None:
    assert first("قتل خمسة أشخاص أمس", None) == (None, None)
    assert first("اجتمع الوزراء الأحد", None) == (None, None)
    assert first("في أغسطس الماضي", None) == (None, None)
    assert first("قتل خمسة أشخاص أمس، أي في 10 أغسطس 2015", None) == ("2015-08-10", "day")
    assert first("12 شوال 1436 هـ", None) == ("2015-07-28", "day")


def test_date_for_takes_the_expression_nearest_the_span_start() -> None:
    text = "قال الوزير الأحد إن الهجوم وقع أمس. وفي 3 مايو 2014 انفجرت سيارة."
    second_sentence = text.index("وفي")
    assert date_for(text, 0, second_sentence, TUESDAY) == ("2015-08-09", "day")
    assert date_for(text, text.index("الهجوم"), second_sentence, TUESDAY) == ("2015-08-10", "day")
    assert date_for(text, second_sentence, len(text), TUESDAY) == ("2014-05-03", "day")
    assert date_for(text, 0, text.index("الأحد"), TUESDAY) == (None, None)


def test_date_for_prefers_a_day_to_a_coarser_period() -> None:
    text = "في إشارة إلى نظام الحكم بعد عام 2003، خرجت تظاهرات أمس"
    assert first(text) == ("2015-08-10", "day")
    assert first("في إشارة إلى نظام الحكم بعد عام 2003") == ("2003-01-01", "year")


def test_date_for_skips_durations_and_reads_any_publication_form() -> None:
    text = "ارتكب المستوطنون منذ عام 2004 جرائم كثيرة أمس"
    assert date_for(text, 0, len(text), "Tue, 11 Aug 2015 08:00:00 +0300") == ("2015-08-10", "day")


def test_expressions_are_limited_to_the_window() -> None:
    text = "أمس واليوم وغدا"
    inner = find_date_expressions(text, 4, 11)
    assert [e.text for e in inner] == ["اليوم"]
    assert all(4 <= e.start and e.end <= 11 for e in inner)


def test_rejected_ordinal_leaves_the_month() -> None:
    assert first("في النصف الأول من شهر يونيو") == ("2015-06-01", "month")


@pytest.mark.parametrize("value, iso", [
    ("2015-08-06", "2015-08-06"),
    ("2015-08-06 12:00:00", "2015-08-06"),
    ("2015-08-06T12:00:00Z", "2015-08-06"),
    ("2015-08-06T23:30:00+03:00", "2015-08-06"),
    ("Thu, 06 Aug 2015 12:00:00 +0000", "2015-08-06"),
    ("06 Aug 2015", "2015-08-06"),
    ("August 6, 2015", "2015-08-06"),
    ("6 August 2015 10:00", "2015-08-06"),
    ("06/08/2015", "2015-08-06"),
    ("6-8-2015", "2015-08-06"),
    ("08/16/2015", "2015-08-16"),
    ("2015/08/06", "2015-08-06"),
    ("الخميس 6 أغسطس 2015", "2015-08-06"),
    ("٢٠١٥-٠٨-٠٦", "2015-08-06"),
])
def test_parse_published(value: str, iso: str) -> None:
    assert parse_published(value) == iso


@pytest.mark.parametrize("value", ["", "   ", "yesterday", "2015-13-45", "32/13/2015", "أمس"])
def test_parse_published_rejects_what_it_cannot_read(value: str) -> None:
    assert parse_published(value) is None
