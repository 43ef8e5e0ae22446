"""Tests for watchfloor.clean.language.

Every sample paragraph below was written for these tests: short, plain news-style text about the
region, two to four sentences each.
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchfloor.clean import language as lang
from watchfloor.clean.language import detect_language, language_name
from watchfloor.types import LanguageGuess

SAMPLES: dict[str, list[str]] = {
    "en": [
        "The government announced on Tuesday that it will raise the minimum wage from next "
        "January. Trade unions welcomed the decision but said the increase was too small to keep "
        "up with rising food prices.",
        "Heavy rain caused flooding in several towns along the river over the weekend. Emergency "
        "services evacuated hundreds of residents, and schools in the region remained closed on "
        "Monday.",
        "Police in the capital arrested three men suspected of smuggling cigarettes across the "
        "border. The investigation began last year after customs officers found a hidden "
        "compartment in a lorry.",
    ],
    # Serbian, Cyrillic script (Ekavian).
    "sr-Cyrl": [
        "Влада Србије усвојила је у четвртак нови закон о јавним набавкама. Министар финансија "
        "изјавио је да ће закон смањити трошкове и повећати транспарентност.",
        "Због обилних падавина, река Дрина се излила на неколико места у западној Србији. "
        "Становници кажу да овако високу воду нису видели деценијама.",
        "Градска управа у Новом Саду најавила је реконструкцију главног моста. Радови би требало "
        "да почну после празника и трају до краја године.",
    ],
    # Serbian, Latin script (Ekavian): lingua alone reads these as Bosnian.
    "sr-Latn": [
        "Vlada Srbije usvojila je u četvrtak novi zakon o javnim nabavkama. Prema rečima "
        "ministra finansija, cene goriva neće rasti ovog meseca.",
        "Zbog obilnih padavina reka Drina se izlila na nekoliko mesta u zapadnoj Srbiji. "
        "Stanovnici kažu da ovako visoku vodu nisu videli decenijama, a deca ove nedelje ne idu "
        "u školu.",
        "Predsednik opštine najavio je da će nova bolnica biti otvorena u septembru. Do tada će "
        "pacijenti i dalje odlaziti u susedni grad, gde je posle podne uvek velika gužva.",
    ],
    "hr": [
        "Hrvatski sabor u petak je izglasao izmjene Zakona o porezu na dohodak. Prema riječima "
        "ministra financija, promjene će stupiti na snagu 1. siječnja, a obuhvatit će više od "
        "tisuću obrtnika.",
        "Zbog kvara na pruzi vlak iz Splita za Zagreb kasnio je gotovo tri sata. Putnici su "
        "tijekom čekanja dobili vodu, a prijevoznik se ispričao zbog neugodnosti.",
        "Zrakoplov s turistima iz Njemačke sletio je u srijedu u zračnu luku Dubrovnik. Tko želi "
        "posjetiti grad u kolovozu, trebao bi smještaj rezervirati na vrijeme.",
    ],
    "bs": [
        "Vijeće ministara Bosne i Hercegovine u utorak je usvojilo prijedlog budžeta za narednu "
        "godinu. Više od hiljadu uposlenika u javnim institucijama dobit će veće plate.",
        "Historijski centar Mostara ovog ljeta posjetilo je više od sto hiljada turista. Općina "
        "je zbog gužvi uvela nova pravila za parkiranje u blizini Starog mosta.",
        "Dijelovi Tuzle su od jutra bez struje. Iz elektrodistribucije kažu da kvar nije lahko "
        "otkloniti, ali da će napajanje biti vraćeno do večeri.",
    ],
    "sq": [
        "Qeveria shqiptare njoftoi të martën se paga minimale do të rritet nga viti i ardhshëm. "
        "Sindikatat e mirëpritën vendimin, por thanë se rritja nuk mjafton për shkak të "
        "çmimeve të larta.",
        "Reshjet e shumta të shiut shkaktuan përmbytje në disa fshatra afër Shkodrës. Shërbimet "
        "e emergjencës evakuuan dhjetëra familje, ndërsa shkollat mbetën të mbyllura.",
        "Policia e Kosovës arrestoi dy persona të dyshuar për kontrabandë me cigare në kufi. "
        "Hetimi vazhdon dhe prokuroria pritet të ngrejë aktakuzë javën e ardhshme.",
    ],
    "mk": [
        "Владата на Северна Македонија денеска донесе одлука за зголемување на минималната "
        "плата. Министерот за финансии изјави дека мерката ќе стапи на сила од први јануари.",
        "Поради обилните врнежи, реката Вардар се излеа во неколку села кај Велес. Граѓаните "
        "кои живеат покрај коритото се евакуирани, а училиштата остануваат затворени.",
        "Полицијата во Скопје уапси тројца мажи осомничени за шверц на цигари. Според "
        "обвинителството, тие ја преминале границата со камион во кој имало скриен простор.",
    ],
    "sl": [
        "Vlada je v četrtek sprejela predlog zakona o zvišanju minimalne plače. Sindikati so "
        "odločitev pozdravili, vendar opozarjajo, da povišanje ne bo pokrilo višjih cen hrane.",
        "Zaradi obilnih padavin je reka Savinja ponoči poplavila več vasi v okolici Celja. "
        "Gasilci so evakuirali okoli sto prebivalcev, šole pa bodo v ponedeljek zaprte.",
        "Policija je na mejnem prehodu Obrežje zasegla večjo količino cigaret. Voznika "
        "tovornjaka, ki je cigarete skril pod tovorom, so pridržali.",
    ],
    "de": [
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer "
        "Energien beschlossen. Kritiker bemängeln, dass die Pläne für Haushalte mit geringem "
        "Einkommen zu teuer seien.",
        "In Wien haben am Wochenende tausende Menschen gegen steigende Mieten demonstriert. Die "
        "Polizei sprach von einem friedlichen Verlauf, es gab keine Festnahmen.",
        "Nach heftigen Regenfällen ist die Donau in mehreren Gemeinden über die Ufer getreten. "
        "Die Feuerwehr war die ganze Nacht im Einsatz.",
    ],
    "it": [
        "Il governo ha approvato giovedì un decreto per ridurre le bollette dell'energia. "
        "Secondo il ministro dell'economia, le famiglie risparmieranno in media duecento euro "
        "all'anno.",
        "Un violento temporale ha colpito Trieste nella notte, causando allagamenti e la caduta "
        "di alberi. I vigili del fuoco sono intervenuti decine di volte, ma non ci sono feriti.",
        "La polizia di frontiera ha fermato un camion carico di sigarette di contrabbando al "
        "valico di Fernetti. L'autista, un cittadino straniero, è stato arrestato.",
    ],
    "fr": [
        "Le gouvernement a présenté mercredi un projet de loi visant à réduire les délais "
        "d'attente dans les hôpitaux. Les syndicats de soignants jugent toutefois les mesures "
        "insuffisantes.",
        "De fortes pluies ont provoqué des inondations dans plusieurs communes du sud du pays. "
        "Les pompiers ont évacué une centaine d'habitants pendant la nuit.",
        "Les ministres des affaires étrangères de l'Union européenne se réuniront lundi à "
        "Bruxelles. Ils discuteront de l'élargissement de l'Union aux pays des Balkans "
        "occidentaux.",
    ],
    "ru": [
        "Правительство России в среду объявило о повышении пенсий с первого января. По словам "
        "министра, индексация составит около семи процентов.",
        "Из-за сильного снегопада в Москве были отменены десятки рейсов. Водителей просят без "
        "необходимости не выезжать на дороги.",
        "Президент Сербии встретился в Белграде с послом России. Стороны обсудили поставки газа "
        "и экономическое сотрудничество.",
    ],
}

# Cyrillic neighbours that are loaded so that they do not end up as Macedonian or Russian.
NEIGHBOURS: dict[str, str] = {
    "bg": "Правителството на България одобри в сряда бюджета за следващата година. Финансовият "
    "министър заяви, че дефицитът ще остане под три процента.",
    "uk": "Уряд України в четвер ухвалив рішення про підвищення мінімальної зарплати. Міністр "
    "фінансів заявив, що зміни набудуть чинності з першого січня.",
}

SCRIPTS = {"sr-Cyrl": "Cyrl", "mk": "Cyrl", "ru": "Cyrl"}  # every other sample is Latin script


def _cases() -> list[tuple[str, str, str]]:
    return [
        (key.split("-")[0], SCRIPTS.get(key, "Latn"), text)
        for key, texts in SAMPLES.items()
        for text in texts
    ]


@pytest.mark.parametrize(("code", "script", "text"), _cases())
def test_samples(code: str, script: str, text: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.script) == (code, script)
    assert 0.5 < guess.confidence <= 1.0


@pytest.mark.parametrize(("code", "text"), sorted(NEIGHBOURS.items()))
def test_cyrillic_neighbours_are_not_forced_into_mk_or_ru(code: str, text: str) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.script) == (code, "Cyrl")
    assert guess.confidence > 0.5


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "12345 678 90", "3.14 — 2,71 %!? (2024)", "Hi", "Beograd", "Da ne", "…"],
)
def test_empty_short_and_letterless_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == LanguageGuess("und", 0.0, None)


def test_mixed_text_is_decided_by_the_majority() -> None:
    english, german = SAMPLES["en"], SAMPLES["de"]
    assert detect_language("\n\n".join([english[0], german[0], english[1]])).code == "en"
    assert detect_language("\n\n".join([german[0], english[0], german[1]])).code == "de"


def test_mixed_script_serbian_takes_the_majority_script() -> None:
    cyrillic, latin = SAMPLES["sr-Cyrl"], SAMPLES["sr-Latn"]
    mostly_cyrillic = "\n\n".join([cyrillic[0], latin[1], cyrillic[2]])
    mostly_latin = "\n\n".join([latin[0], cyrillic[1], latin[2]])
    guess = detect_language(mostly_cyrillic)
    assert (guess.code, guess.script) == ("sr", "Cyrl")
    assert detect_language(mostly_latin).script == "Latn"


def test_only_the_head_of_a_long_text_is_read() -> None:
    english = " ".join(SAMPLES["en"])
    head = (english + " ") * (lang.MAX_CHARS // len(english) + 1)
    assert len(head) > lang.MAX_CHARS
    german_tail = " ".join(SAMPLES["de"]) * 20
    assert detect_language(head + german_tail) == detect_language(head)
    assert detect_language(head + german_tail).code == "en"


# --- the rules, with lingua's answer fixed --------------------------------------------------


class _FakeDetector:
    """Stands in for lingua's detector: returns fixed confidence values, highest first."""

    def __init__(self, values: dict[str, float]) -> None:
        self.values = values

    def compute_language_confidence_values(self, text: str) -> list[object]:
        def item(code: str, value: float) -> object:
            iso = type("Iso", (), {"name": code.upper()})()
            language = type("Lang", (), {"iso_code_639_1": iso})()
            return type("Value", (), {"language": language, "value": value})()

        ranked = sorted(self.values.items(), key=lambda pair: -pair[1])
        return [item(code, value) for code, value in ranked]


def test_cyrillic_letters_overrule_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    # A Serbian text (ће, повећати; ј, љ, њ; none of й щ ь ю я ы э) that lingua, here, calls
    # Russian: Russian, Bulgarian, Ukrainian and (two ћ) Macedonian are ruled out.
    monkeypatch.setattr(lang, "_detector", _FakeDetector({"ru": 0.8, "sr": 0.15, "mk": 0.05}))
    assert lang._cyrillic_allowed(SAMPLES["sr-Cyrl"][0]) == {"sr"}
    guess = detect_language(SAMPLES["sr-Cyrl"][0])
    assert (guess.code, guess.script, guess.confidence) == ("sr", "Cyrl", 1.0)


def test_cyrillic_survivors_are_renormalised(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only ј: Serbian and Macedonian both stay, lingua chooses between them.
    text = SAMPLES["mk"][2]
    assert lang._cyrillic_allowed(text) == {"sr", "mk"}
    monkeypatch.setattr(lang, "_detector", _FakeDetector({"ru": 0.5, "mk": 0.3, "sr": 0.2}))
    guess = detect_language(text)
    assert guess.code == "mk"
    assert guess.confidence == pytest.approx(0.3 / 0.5, abs=1e-4)


def test_macedonian_letters_rule_out_serbian(monkeypatch: pytest.MonkeyPatch) -> None:
    text = SAMPLES["mk"][0] + "\n\n" + SAMPLES["mk"][1]  # ќе, граѓаните
    assert lang._cyrillic_allowed(text) == {"mk"}
    monkeypatch.setattr(lang, "_detector", _FakeDetector({"sr": 0.7, "mk": 0.3}))
    assert detect_language(text).code == "mk"
    # A single letter is not enough to rule a language out (a quoted word, a typo).
    assert lang._cyrillic_allowed(SAMPLES["mk"][0]) == {"sr", "mk"}


def test_russian_and_ukrainian_letters() -> None:
    assert lang._cyrillic_allowed(SAMPLES["ru"][1]) == {"ru"}  # были, выезжать
    assert lang._cyrillic_allowed(SAMPLES["ru"][0]) == {"ru", "bg"}  # one ы only
    assert lang._cyrillic_allowed(NEIGHBOURS["uk"]) == {"uk"}
    assert lang._cyrillic_allowed(NEIGHBOURS["bg"]) == {"bg", "ru"}


def test_latin_bcs_markers_overrule_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_detector", _FakeDetector({"bs": 0.9, "hr": 0.1}))
    assert detect_language(SAMPLES["sr-Latn"][2]).code == "sr"
    assert detect_language(SAMPLES["hr"][2]).code == "hr"
    assert detect_language(SAMPLES["bs"][0]).code == "bs"


def test_silent_markers_keep_lingua_with_lower_confidence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_detector", _FakeDetector({"hr": 0.9, "bs": 0.1}))
    text = "Utakmica je završena bez golova, a trener je rekao da je zadovoljan igrom."
    assert lang._bcs_votes(text) == ({"bs": 0, "hr": 0, "sr": 0}, 0)
    guess = detect_language(text)
    assert guess.code == "hr"
    assert guess.confidence == pytest.approx(1.5 / 3.5, abs=1e-4)


def test_marker_votes() -> None:
    votes, counted = lang._bcs_votes("Predsednik opštine kaže da će vreme biti lepo.")
    assert votes == {"sr": 4, "hr": 0, "bs": 0} and counted == 4
    votes, counted = lang._bcs_votes("Tko želi doći, dobit će kartu prije podne.")
    assert votes == {"sr": 0, "hr": 3, "bs": 2} and counted == 3
    # One word repeated cannot outvote the rest: each marker counts at most three times.
    votes, _ = lang._bcs_votes("hiljadu " * 10)
    assert votes == {"sr": 3, "hr": 0, "bs": 3}


def test_marker_table_is_consistent() -> None:
    seen: dict[str, frozenset[str]] = {}
    for votes, words, stems in lang._BCS_MARKERS:
        assert votes and votes <= {"sr", "hr", "bs"}
        for marker in (*words, *stems):
            assert marker == marker.lower() and marker.isalpha()
            assert seen.setdefault(marker, votes) == votes, marker
            seen[marker] = votes


# --- names, the detector ----------------------------------------------------------------------


def test_language_name() -> None:
    assert language_name("sr") == "Serbian"
    assert language_name("sq") == "Albanian"
    assert language_name("SL") == "Slovenian"
    assert language_name("und") == "Undetermined"
    assert language_name("xx") == "xx"
    for code in lang.LANGUAGES:
        assert language_name(code) != code


def test_detector_is_built_once_under_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang, "_detector", None)
    barrier = threading.Barrier(8)
    built: list[object] = []

    def build() -> None:
        barrier.wait()
        built.append(lang._get_detector())

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 8 and all(detector is built[0] for detector in built)


def test_detection_from_many_threads_agrees() -> None:
    texts = [text for texts in SAMPLES.values() for text in texts]
    expected = [detect_language(text) for text in texts]
    results: list[list[LanguageGuess]] = []

    def run() -> None:
        results.append([detect_language(text) for text in texts])

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_well_formed_guess(text: str) -> None:
    guess = detect_language(text)
    assert guess.code in (*lang.LANGUAGES, "und")
    assert 0.0 <= guess.confidence <= 1.0
    assert guess.script in ("Latn", "Cyrl", "Grek", None)
    if guess.code == "und":
        assert guess.confidence == 0.0
