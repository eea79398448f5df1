import pytest

from stenogram.parse.labels import find_label, is_label


@pytest.mark.parametrize(
    "label",
    [
        "President of the Republic of Tajikistan Emomali Rahmon",
        "Sergei Kulikov",
        "Question",
        "Question (retranslated)",
        "Viktor Orban (retranslated)",
        "Remark",
        "VladimirPutin",
        "V. Putin",
        "chairman of Vnesheconombank (VEB) Vladimir Dmitriev",
        "Alexei Kudrin, Chairman of the Accounts Chamber",
        "President of Syria Bashar al-Assad (re-translated)",
        "Federal President of Austria Alexander Van der Bellen",
        "King Abdullah II of Jordan (transcript of the speech in English)",
        "Adnan Z. Amin",
        "Minister of Civil Defence, Emergencies and Disaster Relief Vladimir Puchkov",
    ],
)
def test_labels_are_recognised(label: str) -> None:
    assert is_label(label)


@pytest.mark.parametrize(
    "prose",
    [
        "Taking part in the meeting were Prime Minister of Armenia Nikol Pashinyan",
        "The message reads, in part",
        "Mr Chairman, colleagues, Mr Secretary General of the CSTO",
        "Friends",
        "In the Soviet Union and in Russia",
        "South Korea, China and India",
        "Second",
        "He said",
        "The figures are as follows. First",
        '"We will do it," he said',
    ],
)
def test_prose_before_a_colon_is_not_a_label(prose: str) -> None:
    assert not is_label(prose)


def test_find_label_returns_the_colon_index() -> None:
    line = "Sergei Kulikov: Thank you, Mr President."
    assert find_label(line) == line.index(":")
    assert find_label("16:40") is None
    assert find_label("No colon here") is None
