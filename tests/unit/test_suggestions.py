"""The suggestion engine: each rule, the hand-labelled seeds (floors), a held-out set, the CLI."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.corpus import read_document
from reader.text.document import Document
from reader.text.pipeline import analyse
from reader.text.quotes import find_quotations
from reader.text.suggestion_engine import Suggestion, suggest
from reader.text.suggestion_evaluation import score, speaker_matches

GOLD_PATH = Path(__file__).resolve().parents[1] / "data" / "seed_tags_gold.json"
FLOORS = {
    "quote_precision": 0.95,
    "quote_recall": 0.90,
    "speaker": 0.85,
    "claim_precision": 0.70,
    "fact_precision": 0.70,
}


def run(text: str) -> list[Suggestion]:
    return suggest(analyse(Document.from_text(text)))


def quotes(text: str) -> list[Suggestion]:
    return [s for s in run(text) if s.label == "quote"]


def check_floors(result: dict) -> None:
    assert result["quote"]["precision"] >= FLOORS["quote_precision"], result
    assert result["quote"]["recall"] >= FLOORS["quote_recall"], result
    assert result["speaker_accuracy"] >= FLOORS["speaker"], result
    assert result["claim"]["precision"] >= FLOORS["claim_precision"], result
    assert result["fact"]["precision"] >= FLOORS["fact_precision"], result


# --- quote marks ----------------------------------------------------------------------------------


def test_curly_quote_with_speaker_after() -> None:
    text = "“We will rebuild every bridge,” Mayor Anna Kovacs said on Monday.\n"
    [q] = quotes(text)
    assert q.text == "“We will rebuild every bridge,”"
    assert (q.start, q.end) == (0, len("“We will rebuild every bridge,”"))
    assert q.speaker == "Anna Kovacs"
    assert "said" in q.reason and "Anna Kovacs" in q.reason


def test_straight_quotes() -> None:
    text = '"The talks are over for now," said John Kirby. "We will see what happens next week."\n'
    found = quotes(text)
    assert [q.text for q in found] == [
        '"The talks are over for now,"',
        '"We will see what happens next week."',
    ]
    assert [q.speaker for q in found] == ["John Kirby", "John Kirby"]


def test_speaker_before_the_quote_with_apposition() -> None:
    text = (
        "Andrii Cherniak, a representative of the intelligence service, said: “We see the troops moving.”\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Andrii Cherniak"


def test_told_outlet_is_not_the_speaker() -> None:
    text = '"The drills are purely defensive and planned long ago," Polishchuk told TASS.\n'
    [q] = quotes(text)
    assert q.speaker == "Polishchuk"


def test_according_to_outlet_after_named_speaker() -> None:
    text = "“I am ready to talk to anyone at any time,” Lukashenko said, according to BelTA.\n"
    [q] = quotes(text)
    assert q.speaker == "Lukashenko"


def test_multi_sentence_quote_is_one_suggestion() -> None:
    text = "“We are ready. We are not afraid. We will answer,” the minister, Pavel Orlov, said.\n"
    analysis = analyse(Document.from_text(text))
    assert len(analysis.sentences) >= 2
    [q] = [s for s in suggest(analysis) if s.label == "quote"]
    assert q.text == "“We are ready. We are not afraid. We will answer,”"
    assert q.speaker == "Pavel Orlov"


def test_nested_quotes_belong_to_the_outer_quote() -> None:
    text = "“When people say ‘never again’ they must mean it,” said Maria Lopez.\n"
    [q] = quotes(text)
    assert q.text == "“When people say ‘never again’ they must mean it,”"
    assert q.speaker == "Maria Lopez"


def test_odd_quote_marks_do_not_break_later_quotes() -> None:
    # A stray closing mark from scraping, then a stray opening mark, then a real quote.
    text = (
        "The fire burned 86,000 acres, officials said.” Crews worked overnight.\n\n"
        "He said “nothing more. \n\n"
        "“We need more planes and more crews,” said Rachel Banks.\n"
    )
    found = quotes(text)
    assert [q.text for q in found] == ["“We need more planes and more crews,”"]
    assert found[0].speaker == "Rachel Banks"


def test_inch_mark_is_not_an_opening_quote() -> None:
    spans = find_quotations('A 5" screen. "This is fine," she said.', 0, 38)
    assert [(q.start, q.end) for q in spans] == [(13, 28)]


def test_pronoun_resolves_to_last_named_person() -> None:
    text = (
        "Finance Minister Elena Varga presented the budget on Tuesday.\n\n"
        "“This budget protects families,” she said.\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Elena Varga"
    assert "she" in q.reason


def test_pronoun_prefers_the_subject_over_a_possessive_mention() -> None:
    text = (
        "Mr Lukashenko blamed Western governments, echoing Mr Putin’s claims that Nato is escalating.\n\n"
        "“If you continue this escalation, you will get nuclear weapons,” he said.\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Lukashenko"


def test_people_introduced_by_role_are_known_by_surname_later() -> None:
    text = (
        "Two witnesses, former astronaut Tom Stafford and retired executive Tom Young, testified.\n\n"
        "“If you don’t have a big booster, you’re not going to make it,” Stafford said of the Moon.\n\n"
        "Young, in his testimony, criticised what he called experiments in procurement on Tuesday.\n\n"
        "“Managing and contracting experiments must be excluded from the program,” he said.\n"
    )
    assert [q.speaker for q in quotes(text)] == ["Tom Stafford", "Tom Young"]


def test_clause_subject_and_the_sentence_subject_before_its_quote() -> None:
    text = (
        "Daniel Reyes Jr., 41, pleaded guilty to making threats against the mayor on Monday.\n\n"
        "Reyes was arrested in May after a call to city hall, in which he said he would "
        "“burn the whole building down tonight.”\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Daniel Reyes Jr."


def test_lone_name_called_she_in_the_same_sentence() -> None:
    text = (
        "Attorney Mark Ellis said his client regretted the calls and would accept the ruling.\n\n"
        "Okafor asked for mercy in a letter posted on Tuesday, saying she did not want revenge. "
        'She added, "We must answer hate with patience and with the law."\n'
    )
    [q] = quotes(text)
    assert q.speaker == "Okafor"


def test_according_to_before_a_fragment_names_its_source() -> None:
    text = (
        'The president, according to the White House, went to hospital on Saturday for a "quick exam '
        'and some labs" as part of his annual physical.\n'
    )
    [q] = quotes(text)
    assert q.speaker == "White House"


def test_unnamed_speaker_and_the_statement_said() -> None:
    text = (
        "Two soldiers were killed in a helicopter crash, the army said in a statement on Wednesday.\n\n"
        '"The cause of the crash is under investigation by the authorities," the statement said.\n\n'
        '"Hands! Let me see your hands!" an officer shouted at the suspect in the hallway.\n'
    )
    assert [q.speaker for q in quotes(text)] == ["army", "an officer"]


def test_quotes_in_a_headline_are_not_suggested() -> None:
    text = (
        "'We Got Her!' Video Shows Dramatic Rescue of Kidnapped Girl\n\n"
        "Police released a video of the rescue of an 8-year-old girl on Monday, the department said.\n"
    )
    assert quotes(text) == []


def test_she_does_not_resolve_to_the_man_called_he() -> None:
    text = (
        "“We will appeal the ruling in the coming weeks,” said Anna Berg, the union’s lawyer.\n\n"
        "Company chairman Piotr Nowak rejected the union’s demands at a meeting on Monday.\n\n"
        "“The offer is final and will not be improved,” he said.\n\n"
        "“Then we will see them in court again next month,” she said.\n"
    )
    assert [q.speaker for q in quotes(text)] == ["Anna Berg", "Piotr Nowak", "Anna Berg"]


def test_pronoun_without_a_named_person_gives_no_speaker() -> None:
    [q] = quotes("“We will not leave anyone behind at all,” he said.\n")
    assert q.speaker is None


def test_unattributed_quote_continues_the_previous_speaker() -> None:
    text = "“We are ready to fight,” said Anna Kovacs. “But we want peace above all.”\n"
    found = quotes(text)
    assert [q.speaker for q in found] == ["Anna Kovacs", "Anna Kovacs"]


def test_sentence_ending_in_a_colon_introduces_the_next_paragraph_quote() -> None:
    text = (
        "President Volodymyr Zelensky wrote on Telegram on Sunday evening:\n\n"
        "“Every attack on our cities will get an answer, and the answer will be fair.”\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Volodymyr Zelensky"


def test_quote_over_paragraphs_ends_each_paragraph() -> None:
    text = (
        "“We need shovels in the ground,” said Rep. Dana Ortiz. “They don’t mean more studies.\n\n"
        "“We need action now.”\n"
    )
    found = quotes(text)
    assert [q.text for q in found] == [
        "“We need shovels in the ground,”",
        "“They don’t mean more studies.",
        "“We need action now.”",
    ]


def test_scare_quotes_and_names_are_not_quotes() -> None:
    text = (
        "Russian Tu-22 “Backfire” bombers used the airspace, and Nato is “escalating” the conflict, "
        "Lukashenko said.\n"
    )
    found = run(text)
    assert [s.label for s in found] == ["claim"]


def test_embedded_quote_fragment_is_a_sub_sentence_span() -> None:
    text = (
        "Lukashenko added that while he does not want war, Russia is an "
        "“ally, legally, morally and politically.”\n"
    )
    [q] = quotes(text)
    assert q.text == "“ally, legally, morally and politically.”"
    assert q.speaker == "Lukashenko"
    assert q.end == len(text) - 1


def test_short_quote_needs_an_attribution_right_after_it() -> None:
    found = quotes(
        "“Yes,” Lucas replied when the committee asked him about the budget.\n\n"
        "He fell in love with a script called “Wild Rose,” a story about a singer.\n\n"
        'The actor previously said on "DWTS." His wife agreed.\n'
    )
    assert [(q.text, q.speaker) for q in found] == [("“Yes,”", "Lucas")]


def test_title_before_name_is_dropped() -> None:
    [q] = quotes("“We see hopeful signs of peace,” said Secretary of State Mike Pompeo.\n")
    assert q.speaker == "Mike Pompeo"


def test_described_subject_becomes_the_pronoun_referent() -> None:
    text = (
        "Wild defenseman Ryan Suter, who joked about the sticks, could see the frustration.\n\n"
        "“He is used to scoring goals, getting points,” he said.\n"
    )
    [q] = quotes(text)
    assert q.speaker == "Ryan Suter"


def test_lone_surname_speaker_is_a_person_for_later_pronouns() -> None:
    text = (
        "“You can go either way,” Parise said after the game on Tuesday night.\n\n"
        "Parise scored twice in the second period against the Sabres.\n\n"
        "“It feels good to score again after all this time,” he said.\n"
    )
    assert [q.speaker for q in quotes(text)] == ["Parise", "Parise"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will keep the pressure on the regime," said John Smith, adding: '
            '"Sanctions are working well."',
            ["John Smith", "John Smith"],
        ),
        ('"We are ready," Maria Lopez said, "but not today."', ["Maria Lopez", "Maria Lopez"]),
        (
            '"Nothing has been decided yet," Kremlin spokesman Dmitry Peskov told reporters.',
            ["Dmitry Peskov"],
        ),
        (
            '"Nothing has been decided yet," Dmitry Peskov, a spokesman for the Kremlin, said.',
            ["Dmitry Peskov"],
        ),
        (
            'Asked whether talks would resume, Peskov said: "There are no plans for that at the moment."',
            ["Peskov"],
        ),
        (
            '"Will they attack again?" asked Olena Kovalenko, a resident of Kharkiv. "Nobody knows!"',
            ["Olena Kovalenko", "Olena Kovalenko"],
        ),
        (
            "The ministry’s spokesperson, Maria Zakharova, told a briefing that the claims were "
            '"absolutely groundless and absurd."',
            ["Maria Zakharova"],
        ),
        (
            'President Joe Biden on Tuesday called the attack "an outrage against humanity itself."',
            ["Joe Biden"],
        ),
        ("“The grain deal is dead,” the Kremlin said in a statement on Monday.", ["Kremlin"]),
        ('"We will not back down on this bill," Gov. Jane Doe of N.Y. told reporters.', ["Jane Doe"]),
        ('"We will not back down on this bill," said Mayor Bill de Blasio.', ["Bill de Blasio"]),
        (
            '"We will not back down on this bill," said Sen. John Smith. The vote is on Friday.',
            ["John Smith"],
        ),
    ],
)
def test_wire_attribution_patterns(text: str, expected: list[str]) -> None:
    assert [q.speaker for q in quotes(text + "\n")] == expected


def test_quote_over_paragraphs_takes_the_speaker_from_where_it_ends() -> None:
    text = (
        "First Minister Humza Yousaf chaired a resilience meeting in Edinburgh on Sunday morning. "
        '"I want to thank the engineers who worked through the night.\n\n'
        '"Please do not travel unless you have to," said Humza Yousaf after the meeting.\n'
    )
    assert [q.speaker for q in quotes(text)] == ["Humza Yousaf", "Humza Yousaf"]


# --- claims and facts -----------------------------------------------------------------------------


def test_according_to_makes_a_claim() -> None:
    [s] = run("The fire has burned 86,000 acres since August, according to the Forest Service.\n")
    assert s.label == "claim" and "according to" in s.reason


def test_said_and_reported_citing_make_claims() -> None:
    found = run(
        "Belarus may enter the war, TASS reported citing a ministry official.\n\n"
        "The minister said the drills were designed to prevent escalation.\n"
    )
    assert [s.label for s in found] == ["claim", "claim"]


def test_contested_wording_makes_a_claim() -> None:
    [s] = run("There have been fears throughout the conflict that Belarus will join the war.\n")
    assert s.label == "claim" and "contested" in s.reason


def test_fact_needs_specifics_and_own_voice() -> None:
    found = run(
        "The joint military exercise has been scheduled from January 16 to February 1.\n\n"
        "Tensions have been mounting at the border in recent weeks.\n\n"
        "The exercise could involve 5,000 troops.\n\n"
        "The troops may stay in Belarus until the end of the drills.\n\n"
        "Parliament passed the law in May after a long debate.\n"
    )
    assert [(s.label, s.text[:9]) for s in found] == [("fact", "The joint"), ("fact", "Parliamen")]
    assert "January" in found[0].reason


def test_passive_told_and_bare_participles_are_not_attribution() -> None:
    found = run(
        "Residents of Oakridge were told to be ready to leave on Monday.\n\n"
        "Stir the mixture well before adding the fruit to the pot.\n"
    )
    assert [s.label for s in found] == ["fact"]
    assert found[0].text.startswith("Residents")


def test_added_with_an_object_is_not_attribution() -> None:
    found = run(
        "Tuukka Rask made 25 saves and Connor Clifton added a goal as the Bruins beat the Devils.\n\n"
        "He added that the team would travel to Boston on Friday.\n"
    )
    assert [(s.label, s.text[:5]) for s in found] == [("fact", "Tuukk"), ("claim", "He ad")]


def test_first_person_and_numbered_steps_are_not_facts() -> None:
    found = run(
        "The recipe called for three cups of sugar, but I only use one and a half.\n\n"
        "1. Fill the canner with water and set it to simmer for 10 minutes.\n"
    )
    assert found == []


def test_headings_are_not_labelled() -> None:
    assert run("Russia and Belarus set to hold 2 joint drills\n\nAP\n") == []


def test_announcing_an_act_is_a_fact_announcing_that_is_a_claim() -> None:
    found = run(
        "Ms Joly announced C$21.2m in aid for demining on Thursday.\n\n"
        "Peskov announced that Putin will meet Lukashenko on Friday.\n"
    )
    assert [s.label for s in found] == ["fact", "claim"]


# --- contract -------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "“We will win,” he said.",
                '"It is over," said John Smith.',
                "Officials said 40 people died on Monday.",
                "The bridge opened in 1990.",
                "“",
                "”",
                '"',
                "‘",
                "’",
                "'s",
                "According to police, the road is closed.",
                "\n\n",
                " ",
                "Mr Lee",
            ]
        ),
        max_size=25,
    )
)
def test_suggestions_are_exact_sorted_and_disjoint(parts: list[str]) -> None:
    text = " ".join(parts)
    analysis = analyse(Document.from_text(text))
    first = suggest(analysis)
    assert first == suggest(analysis)
    assert first == sorted(first, key=lambda s: (s.start, s.end))
    for s in first:
        assert text[s.start : s.end] == s.text and s.label in ("claim", "quote", "fact") and s.reason
    for a, b in itertools.pairwise(first):
        assert a.end <= b.start


def test_to_json_shape() -> None:
    [s] = run("“We will rebuild every bridge,” Mayor Anna Kovacs said.\n")
    assert s.to_json() == {
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "label": "quote",
        "speaker": "Anna Kovacs",
        "reason": s.reason,
    }


# --- gold: seeds ----------------------------------------------------------------------------------


def test_seed_gold_texts_equal_the_file_slices(seeds_dir: Path) -> None:
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    assert sorted(gold) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for name, rows in gold.items():
        text = read_document(seeds_dir / name).text
        for row in rows:
            assert text[row["start"] : row["end"]] == row["text"], (name, row)
            assert row["label"] in ("claim", "quote", "fact")
            assert (row["speaker"] is not None) == (row["label"] == "quote")


def test_seed_gold_floors(seeds_dir: Path) -> None:
    gold = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    pairs = []
    for name, rows in gold.items():
        found = suggest(analyse(read_document(seeds_dir / name)))
        pairs.append((rows, [s.to_json() for s in found]))
    check_floors(score(pairs))


def test_speaker_matching_rule() -> None:
    assert speaker_matches("Polishchuk", "Aleksey Polishchuk")
    assert speaker_matches("the Ukrainian defence ministry", "Ukrainian defence ministry")
    assert not speaker_matches("Putin", "Lukashenko")
    assert not speaker_matches(None, "Lukashenko")


# --- held out: written for this test, not from the seeds -------------------------------------------

HELD_OUT = [
    (
        "Flood defences fail in northern Italy\n\n"
        "MILAN, May 18 (Reuters) - Floodwaters forced more than 13,000 people from their homes in the "
        "Emilia-Romagna region on Wednesday, after six months' worth of rain fell in 36 hours.\n\n"
        '"We have never seen anything like this. The rivers rose in a matter of hours," said Irene Priolo, '
        'the region\'s deputy president. "Our priority now is to get people out."\n\n'
        "The civil protection agency said at least nine people had died. According to the agency, 21 "
        "rivers burst their banks across the region.\n\n"
        'Priolo warned that the damage would run into billions of euros. She added that "the worst may not '
        'be over," as more rain was forecast for the weekend.\n\n'
        "Prime Minister Giorgia Meloni's spokesperson, Paolo Rossi, said the government would declare a "
        'state of emergency. "We will not leave anyone behind," he told reporters in Rome.\n',
        [
            (
                "MILAN, May 18 (Reuters) - Floodwaters forced more than 13,000 people from their homes "
                "in the Emilia-Romagna region on Wednesday, after six months' worth of rain fell in "
                "36 hours.",
                "fact",
                None,
            ),
            (
                '"We have never seen anything like this. The rivers rose in a matter of hours,"',
                "quote",
                "Irene Priolo",
            ),
            ('"Our priority now is to get people out."', "quote", "Irene Priolo"),
            ("The civil protection agency said at least nine people had died.", "claim", None),
            ("According to the agency, 21 rivers burst their banks across the region.", "claim", None),
            ("Priolo warned that the damage would run into billions of euros.", "claim", None),
            ('"the worst may not be over,"', "quote", "Irene Priolo"),
            (
                "Prime Minister Giorgia Meloni's spokesperson, Paolo Rossi, said the government would "
                "declare a state of emergency.",
                "claim",
                None,
            ),
            ('"We will not leave anyone behind,"', "quote", "Paolo Rossi"),
        ],
    ),
    (
        "WASHINGTON (AP) — The Senate voted 68-31 on Tuesday to approve a $1.2 trillion infrastructure "
        "bill, sending it to the House.\n\n"
        "“This is a historic day. It shows that democracy can still deliver,” Senate Majority Leader Chuck "
        "Schumer said on the floor.\n\n"
        "Republican Sen. Mitch McConnell, who voted for the bill, called it “a compromise that both sides "
        "can live with.” He said the measure would fund repairs to roads and bridges in all 50 states.\n\n"
        "Critics say the bill adds too much to the deficit. The Congressional Budget Office estimated that "
        "it would add $256 billion to deficits over 10 years.\n\n"
        "“When my constituents ask me about ‘infrastructure,’ they mean the potholes on their street,” said "
        "Rep. Alexandria Ocasio-Cortez. “They don’t mean another decade of studies.\n\n"
        "“We need shovels in the ground now.”\n\n"
        "The bill now goes to the House, where Speaker Nancy Pelosi has said she wants a vote by the end "
        "of the month.\n",
        [
            (
                "WASHINGTON (AP) — The Senate voted 68-31 on Tuesday to approve a $1.2 trillion "
                "infrastructure bill, sending it to the House.",
                "fact",
                None,
            ),
            (
                "“This is a historic day. It shows that democracy can still deliver,”",
                "quote",
                "Chuck Schumer",
            ),
            ("“a compromise that both sides can live with.”", "quote", "Mitch McConnell"),
            ("He said the measure would fund repairs to roads and bridges in all 50 states.", "claim", None),
            ("Critics say the bill adds too much to the deficit.", "claim", None),
            (
                "The Congressional Budget Office estimated that it would add $256 billion to deficits "
                "over 10 years.",
                "claim",
                None,
            ),
            (
                "“When my constituents ask me about ‘infrastructure,’ "
                "they mean the potholes on their street,”",
                "quote",
                "Alexandria Ocasio-Cortez",
            ),
            ("“They don’t mean another decade of studies.", "quote", "Alexandria Ocasio-Cortez"),
            ("“We need shovels in the ground now.”", "quote", "Alexandria Ocasio-Cortez"),
            (
                "The bill now goes to the House, where Speaker Nancy Pelosi has said she wants a vote by "
                "the end of the month.",
                "claim",
                None,
            ),
        ],
    ),
    (
        "Wildfire smoke closes schools across Oregon\n\n"
        "PORTLAND, Ore. — Officials closed 140 schools across western Oregon on Monday as wildfire smoke "
        "pushed air quality to hazardous levels, the state education department said.\n\n"
        "The Cedar Creek fire has burned 86,000 acres since it was ignited by lightning on Aug. 1, according "
        'to the U.S. Forest Service." Crews had contained 12% of the blaze by Sunday evening.\n\n'
        '"The air is simply not safe for children to be outside," Oregon Health Authority director Rachel '
        "Banks told The Oregonian. She said the agency had handed out 20,000 N95 masks in Lane County "
        "alone.\n\n"
        "Fire behavior analyst Tom Yates said the weather offered little relief. \"We're looking at another "
        "week of dry east winds, and that's the worst possible setup,\" he said. Residents of Oakridge were "
        "told to be ready to leave at a moment's notice.\n\n"
        "Local resident Maria Chen said she had packed her car three days ago. “I’m not waiting for the "
        "knock on the door,” she said. The town of 3,200 was evacuated once before, in 2020.\n",
        [
            (
                "Officials closed 140 schools across western Oregon on Monday as wildfire smoke pushed air "
                "quality to hazardous levels, the state education department said.",
                "claim",
                None,
            ),
            (
                "The Cedar Creek fire has burned 86,000 acres since it was ignited by lightning on Aug. 1, "
                "according to the U.S. Forest Service.",
                "claim",
                None,
            ),
            ("Crews had contained 12% of the blaze by Sunday evening.", "fact", None),
            ('"The air is simply not safe for children to be outside,"', "quote", "Rachel Banks"),
            ("She said the agency had handed out 20,000 N95 masks in Lane County alone.", "claim", None),
            ("Fire behavior analyst Tom Yates said the weather offered little relief.", "claim", None),
            (
                "\"We're looking at another week of dry east winds, and that's the worst possible setup,\"",
                "quote",
                "Tom Yates",
            ),
            ("Residents of Oakridge were told to be ready to leave at a moment's notice.", "fact", None),
            ("Local resident Maria Chen said she had packed her car three days ago.", "claim", None),
            ("“I’m not waiting for the knock on the door,”", "quote", "Maria Chen"),
            ("The town of 3,200 was evacuated once before, in 2020.", "fact", None),
        ],
    ),
]

# Written later, after the engine was tuned on HELD_OUT, to check that the rules still generalise.
HELD_OUT_2 = [
    (
        "Rail strike to go ahead after talks collapse\n\n"
        "Train drivers will walk out on Friday after last-ditch talks with the government broke down, the "
        "Aslef union has said.\n\n"
        "Aslef general secretary Mick Whelan said the offer was 'an insult to our members'. 'We have been "
        "patient for two years. We cannot wait any longer,' he told the BBC.\n\n"
        "The Department for Transport said it was 'disappointed' by the decision. A spokesperson for the "
        "department said: 'The offer on the table is fair and affordable.'\n\n"
        "About 40,000 drivers are expected to take part. Network Rail said it would run fewer than half of "
        "normal services on Friday.\n\n"
        'Transport Secretary Mark Harper accused the union of "holding passengers to ransom". He said he '
        "would meet union leaders again next week.\n",
        [
            (
                "Train drivers will walk out on Friday after last-ditch talks with the government broke "
                "down, the Aslef union has said.",
                "claim",
                None,
            ),
            ("'an insult to our members'", "quote", "Mick Whelan"),
            ("'We have been patient for two years. We cannot wait any longer,'", "quote", "Mick Whelan"),
            ("The Department for Transport said it was 'disappointed' by the decision.", "claim", None),
            (
                "'The offer on the table is fair and affordable.'",
                "quote",
                "spokesperson for the Department for Transport",
            ),
            ("Network Rail said it would run fewer than half of normal services on Friday.", "claim", None),
            ('"holding passengers to ransom"', "quote", "Mark Harper"),
            ("He said he would meet union leaders again next week.", "claim", None),
        ],
    ),
    (
        "Acme Corp to cut 1,200 jobs as sales slump\n\n"
        "Acme Corp will cut 1,200 jobs, or about 8% of its workforce, the company said in a statement on "
        "Thursday.\n\n"
        "The cuts come after sales fell 14% in the third quarter to $2.3 billion. Shares fell 6% in early "
        "trading.\n\n"
        '"This was a difficult decision, but it is the right one for the long-term health of the business," '
        "chief executive Laura Jensen said in the statement.\n\n"
        "Jensen's spokesperson, David Park, told reporters the layoffs would mostly affect the company's "
        'plants in Ohio and Michigan. "No decision has been made about the Dayton site," he said.\n\n'
        'Union officials called the move "a betrayal of workers who kept this company running through the '
        'pandemic". The United Auto Workers said it would challenge the cuts.\n\n'
        'Analysts had expected the company to announce cost reductions. "The writing has been on the wall '
        'for months," said Morningstar analyst Priya Nair.\n',
        [
            (
                "Acme Corp will cut 1,200 jobs, or about 8% of its workforce, the company said in a "
                "statement on Thursday.",
                "claim",
                None,
            ),
            ("The cuts come after sales fell 14% in the third quarter to $2.3 billion.", "fact", None),
            ("Shares fell 6% in early trading.", "fact", None),
            (
                '"This was a difficult decision, but it is the right one for the long-term health of the '
                'business,"',
                "quote",
                "Laura Jensen",
            ),
            (
                "Jensen's spokesperson, David Park, told reporters the layoffs would mostly affect the "
                "company's plants in Ohio and Michigan.",
                "claim",
                None,
            ),
            ('"No decision has been made about the Dayton site,"', "quote", "David Park"),
            (
                '"a betrayal of workers who kept this company running through the pandemic"',
                "quote",
                "Union officials",
            ),
            ("The United Auto Workers said it would challenge the cuts.", "claim", None),
            ("Analysts had expected the company to announce cost reductions.", "claim", None),
            ('"The writing has been on the wall for months,"', "quote", "Priya Nair"),
        ],
    ),
]

# Written after the engine was tuned on HELD_OUT and HELD_OUT_2 (first run: quotes 7/7, speakers 6/7,
# claim precision 1.0, fact precision 0.67), to keep checking that the rules generalise.
HELD_OUT_3 = [
    (
        "Japan's economy shrank in third quarter\n\n"
        "TOKYO, Nov 15 (AFP) - Japan's economy contracted at an annualised rate of 2.1 percent in the "
        "July-September quarter, government data showed on Wednesday, as weak consumption and exports "
        "weighed "
        "on growth.\n\n"
        'Economists had forecast a smaller decline. "The figures were much worse than we expected, and the '
        'outlook for the next quarter is not bright either," said Takeshi Minami, chief economist at '
        "Norinchukin Research Institute.\n\n"
        "Economy Minister Yoshitaka Shindo told reporters the government would compile a new stimulus "
        'package by the end of the month. He said it would be worth "at least 17 trillion yen".\n\n'
        '"Consumers are tightening their belts because prices keep rising. Wages are not keeping up," '
        "Minami added.\n\n"
        "The Bank of Japan kept interest rates at minus 0.1 percent at its last meeting in October. Governor "
        'Kazuo Ueda has said the bank will not raise rates until wage growth is "sustainable and stable."\n',
        [
            (
                "Japan's economy contracted at an annualised rate of 2.1 percent in the July-September "
                "quarter, "
                "government data showed on Wednesday, as weak consumption and exports weighed on growth.",
                "claim",
                None,
            ),
            ("Economists had forecast a smaller decline.", "claim", None),
            (
                '"The figures were much worse than we expected, and the outlook for the next quarter is not '
                'bright either,"',
                "quote",
                "Takeshi Minami",
            ),
            (
                "Economy Minister Yoshitaka Shindo told reporters the government would compile a new "
                "stimulus "
                "package by the end of the month.",
                "claim",
                None,
            ),
            ('"at least 17 trillion yen"', "quote", "Yoshitaka Shindo"),
            (
                '"Consumers are tightening their belts because prices keep rising. Wages are not keeping '
                'up,"',
                "quote",
                "Takeshi Minami",
            ),
            (
                "The Bank of Japan kept interest rates at minus 0.1 percent at its last meeting in October.",
                "fact",
                None,
            ),
            (
                "Governor Kazuo Ueda has said the bank will not raise rates until wage growth is "
                '"sustainable '
                'and stable."',
                "claim",
                None,
            ),
        ],
    ),
    (
        "Storm leaves thousands without power in Scotland\n\n"
        "More than 30,000 homes were left without electricity on Sunday after Storm Babet brought winds of "
        "up to 80mph to the east coast, the Scottish Government said.\n\n"
        "First Minister Humza Yousaf chaired a resilience meeting in Edinburgh on Sunday morning. "
        '"I want to thank the engineers who have been working through the night in dangerous conditions.\n\n'
        '"Please follow the advice of the emergency services and do not travel unless you have to," he '
        "said.\n\n"
        'A spokeswoman for the Met Office said the "red warning" would remain in place until midnight. She '
        "said the storm was expected to move north on Monday.\n\n"
        '"It was like a bomb went off. The whole roof just lifted," said Aberdeen resident Fiona Grant, '
        "whose "
        'street was flooded. Her neighbour, Alan Reid, said he had lived there for 40 years and "never seen '
        'anything like it."\n\n'
        "Forecasters said another storm could arrive by the end of the week.\n",
        [
            (
                "More than 30,000 homes were left without electricity on Sunday after Storm Babet brought "
                "winds "
                "of up to 80mph to the east coast, the Scottish Government said.",
                "claim",
                None,
            ),
            (
                "First Minister Humza Yousaf chaired a resilience meeting in Edinburgh on Sunday morning.",
                "fact",
                None,
            ),
            (
                '"I want to thank the engineers who have been working through the night in dangerous '
                "conditions.",
                "quote",
                "Humza Yousaf",
            ),
            (
                '"Please follow the advice of the emergency services and do not travel unless you have to,"',
                "quote",
                "Humza Yousaf",
            ),
            (
                'A spokeswoman for the Met Office said the "red warning" would remain in place until '
                "midnight.",
                "claim",
                None,
            ),
            ("She said the storm was expected to move north on Monday.", "claim", None),
            ('"It was like a bomb went off. The whole roof just lifted,"', "quote", "Fiona Grant"),
            ('"never seen anything like it."', "quote", "Alan Reid"),
            ("Forecasters said another storm could arrive by the end of the week.", "claim", None),
        ],
    ),
]


def held_out_pairs() -> list[tuple[list[dict], list[dict]]]:
    pairs = []
    for text, labels in HELD_OUT + HELD_OUT_2 + HELD_OUT_3:
        rows = []
        for snippet, label, speaker in labels:
            assert text.count(snippet) == 1, snippet
            start = text.index(snippet)
            rows.append({"start": start, "end": start + len(snippet), "label": label, "speaker": speaker})
        pairs.append((rows, [s.to_json() for s in run(text)]))
    return pairs


def test_held_out_floors() -> None:
    check_floors(score(held_out_pairs()))


# --- CLI ------------------------------------------------------------------------------------------


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "suggest", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_json_matches_inspect_offsets(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Storm hits coast\n\n“We lost everything in one night,” said fisherman Tomas Berg.\n\n"
        "The storm destroyed 40 boats on Sunday.\n",
        encoding="utf-8",
    )
    done = reader("--json", str(path))
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    text = read_document(path).text
    assert [r["label"] for r in rows] == ["quote", "fact"]
    assert rows[0]["speaker"] == "Tomas Berg"
    for row in rows:
        assert set(row) == {"start", "end", "text", "label", "speaker", "reason"}
        assert text[row["start"] : row["end"]] == row["text"]
    inspect = json.loads(
        subprocess.run(
            [sys.executable, "-m", "reader", "inspect", "--json", str(path)], capture_output=True, text=True
        ).stdout
    )
    fact = rows[1]
    assert {"start": fact["start"], "end": fact["end"], "text": fact["text"], "taggable": True} in inspect[
        "sentences"
    ]


def test_cli_readable_listing(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("“We lost everything in one night,” said fisherman Tomas Berg.\n", encoding="utf-8")
    done = reader(str(path))
    assert done.returncode == 0
    assert "? quote" in done.stdout and "Tomas Berg" in done.stdout


@pytest.mark.parametrize("kind", ["missing", "binary"])
def test_cli_bad_file_is_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.txt"
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    done = reader("--json", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "x.txt" in done.stderr
