"""Word lists the text rules share: speech verbs, titles, pronouns, calendar words, interface words.

One place for the vocabulary that boilerplate, speaker finding and suggestions read, so a word added
for one rule is seen by the others that mean the same thing. Lists that only one rule uses, and
regular expressions, stay beside that rule.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """Word lists are sets: a sentence's words are looked up in them before any regex runs, which keeps
    the engine fast (Python's re tries every alternative of a long word list at every position)."""
    return frozenset(words.split())


def alternation(words: str | frozenset[str]) -> str:
    """A regex alternative of the words, longest first."""
    return "|".join(sorted(words.split() if isinstance(words, str) else words, key=lambda w: (-len(w), w)))


# A word of any script: letters, and the combining marks that some scripts write inside their words
# (Devanagari and the other Indic vowel signs and viramas, Hebrew points, Arabic harakat, Thai vowels),
# which `\w` leaves out, cutting "सर्वाधिकार" into six pieces. The mark ranges are coarse on purpose:
# inside the Indic blocks they also hold letters, which `[^\W\d_]` matches anyway.
WORD_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0980-\u0de3\u0e31-\u0e4e\u0eb1-\u0ecd\u0f18-\u0fbc\u102b-\u103e"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
# By runs (a third faster than char by char). For `findall` and `search` alone: the classes overlap and
# the repeats nest, so a pattern that puts anything that can fail after WORD can backtrack exponentially.
WORD = rf"[^\W\d_](?:[^\W\d_]+|[{WORD_MARKS}]+)*"


# "All rights reserved" as sites write it under their pages, in the languages we read: a footer line,
# and never part of the site's name (phrases' "footer", byline's outlet from a copyright line).
RIGHTS_RESERVED = (
    "all rights reserved", "все права защищены", "усі права захищено", "всі права захищені",
    "усе правы абаронены", "wszelkie prawa zastrzeżone", "alle rechte vorbehalten", "tous droits réservés",
    "todos los derechos reservados", "tutti i diritti riservati", "alle rechten voorbehouden",
    "tüm hakları saklıdır", "με επιφύλαξη παντός δικαιώματος", "όλα τα δικαιώματα", "כל הזכויות שמורות",
    "جميع الحقوق محفوظة", "सर्वाधिकार सुरक्षित", "版权所有", "版權所有", "無断転載", "无断转载", "무단 전재",
    "무단전재",
)  # fmt: skip


# --- speech and attribution ---------------------------------------------------------------------

# Verbs that introduce direct speech or attribute words to someone.
SPEECH_VERBS = word_set(
    """said says say saying told tells telling added adds adding stated states wrote writes writing
    declared declares announced announces noted notes noting explained explains insisted insists warned
    warns warning claimed claims argued argues asked asks replied replies responded continued tweeted
    posted remarked commented observed emphasised emphasized stressed concluded admitted acknowledged
    confirmed denied suggested urged vowed pledged promised predicted revealed recalled quoted cautioned
    complained conceded reiterated agreed joked shouted recounted described called accused accusing
    blamed branded dismissed labelled labeled criticised criticized praised welcomed condemned slammed
    hailed decried dubbed termed laughed sighed quipped exclaimed whispered yelled muttered screamed
    boasted lamented mused answered testified shouts shouted yells orders ordered cried cries pleaded
    begged demanded"""
)
# Participles that attribute only after a comma ("..., saying"): "before adding" names no speaker.
SPEECH_PARTICIPLES = word_set(
    "saying adding claiming warning insisting denying alleging telling citing arguing"
)
# Attribution that makes a sentence a claim wherever it stands.
CLAIM_VERBS = word_set(
    """said says say saying told tells claimed claims claiming warned warns warning denied denies denying
    alleged alleges alleging insisted insists argued argues added adding stated reported reportedly
    allegedly purportedly accused accuses blamed blames vowed asserted revealed quoted tweeted believes
    insisting contends contended citing argue"""
)
# Verbs that attribute only with a clause after them ("announced that ..."), not with an object.
CLAUSE_VERBS = word_set(
    """announced confirmed suggested noted wrote acknowledged admitted stressed emphasised emphasized
    agreed predicted estimated explained indicated signalled signaled hinted promised pledged conceded
    concluded observed recalled repeated reiterated maintains maintained reports believed"""
)

# --- people, bodies and sources -----------------------------------------------------------------

HONORIFICS = word_set("Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. Sir Dame Lord Lady Prof Prof.")
TITLES = word_set(
    """President Minister Premier Chancellor Secretary Spokesperson Spokesman Spokeswoman Coordinator
    Director Chief Ambassador Senator Governor Mayor King Queen Prince Princess Pope Judge General
    Colonel Major Captain Lieutenant Commander Admiral Sheikh Rep Sen Gov Speaker Leader Envoy Adviser
    Advisor Deputy Chairman Chairwoman Chair Head Officer Attorney Congressman Congresswoman MP
    Representative Official Inspector Sergeant Marshal Patriarch Archbishop Bishop Cardinal Emir Reps Sens
    Lt Col Sgt Capt Adm Cmdr Maj Rev Hon Pres Supt Det Insp Amb Atty Cpl Pvt Fr CEO CFO COO CTO Founder
    Cofounder Co-founder Chancellor Vice"""
)
# Nouns that describe a speaker without naming them ("the official", "an officer").
ROLE_NOUNS = word_set(
    """official officials leader president minister spokesperson spokesman spokeswoman chief head
    premier secretary ambassador envoy commander general officer adviser advisor aide lawmaker
    senator diplomat representative analyst expert chancellor governor mayor director politician
    prosecutor judge lawyer coordinator negotiator actor actress singer star player coach author writer
    professor researcher scientist doctor economist executive founder manager chairman chairwoman man
    woman witness spokesman resident mother father captain pilot teacher student activist"""
)
NAME_SUFFIXES = word_set("Jr Sr II III IV")
# Capitalised words that name an organisation or place, never a person.
ORG_WORDS = word_set(
    """News Council Ministry Intelligence Forces Force Army Agency Office Department Party Union
    Committee Command Service Guard Times Post Journal Press Institute University Bank Group
    Corporation Company Inc Ltd Government Parliament Assembly Court House Kremlin Pentagon Nations
    States State Republic Federation Region City Street Square Festival Fund Organization Organisation
    Alliance Brigade Regiment Directorate Commission Centre Center Authority Police Navy Ministries
    Network Channel Radio Television Agency Foundation Board Bureau Embassy Administration"""
)
# News outlets and agencies (lower case): they relay words, they do not speak them.
OUTLETS = word_set(
    """tass reuters ap afp cnn bbc guardian newsweek belta sky interfax ria xinhua bloomberg itv nbc abc
    cbs fox ukrinform dpa efe ansa kyodo yonhap nyt telegraph independent politico axios"""
)
# Documents that "say" things on behalf of whoever issued them ("the statement said").
DOCUMENT_NOUNS = word_set("statement report letter post tweet release message readout transcript filing")
# Capitalised function words that open a sentence rather than a name.
FUNCTION_CAPS = word_set(
    """The A An This That These Those It Its Their His Her Our But And Or So If When While As After Before
    Then Now Also Still Yet Meanwhile However Both Some Many Most All Several Other Another"""
)

# --- pronouns -----------------------------------------------------------------------------------

# A subject pronoun as written -> the pronoun a later reference must agree with.
SUBJECT_PRONOUNS = {"he": "he", "she": "she", "He": "he", "She": "she"}
# The writer or the site talking to the reader ("our newsletter", "you agree").
READER_PRONOUNS = word_set("we our us you your")
# The writer's own voice or a word to the reader: such a sentence is not a checkable fact.
PERSONAL_PRONOUNS = word_set("i we our my us me you your")

# --- calendar and numbers -----------------------------------------------------------------------

MONTHS = word_set("January February March April May June July August September October November December")
MONTH_ABBREVIATIONS = word_set("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
NUMBER_WORDS = word_set(
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions trillion trillions"
)
ORDINALS = word_set("first second third fourth fifth sixth seventh eighth ninth tenth")

# --- interface words ----------------------------------------------------------------------------

# Generic interface words: boilerplate only when they are (nearly) the whole line.
UI_WORDS = word_set(
    """
    home menu search login log in logout log out sign in sign up sign out register subscribe subscribed
    share tweet email e-mail print save close open next previous prev back top more less show hide
    facebook twitter instagram linkedin pinterest reddit whatsapp telegram youtube tiktok flipboard pocket
    mix rss feed copy link copied comments comment reply like follow following followers contact about
    advertise careers jobs newsletter newsletters podcasts podcast video videos photos gallery watch listen
    live trending sections topics news opinion sport sports business world politics tech technology science
    health culture lifestyle travel entertainment weather home page homepage account profile settings help
    faq terms privacy policy cookies cookie accept reject agree continue skip read full story article view
    mail
    all menu toggle navigation main content start reading download app apps store cart shop
    главная новости политика экономика общество спорт культура войти выйти регистрация поиск меню
    подписаться комментарии мнения происшествия технологии наука здоровье видео фото в мире регионы
    головна новини політика економіка суспільство культура блоги увійти пошук коментарі світ відео
    галоўная навіны палітыка эканоміка грамадства культура кантакты увайсці пошук
    strona główna kraj świat biznes kultura zaloguj się szukaj komentarze wiadomości opinie
    startseite politik wirtschaft kultur panorama anmelden abo suche kommentare impressum datenschutz
    accueil politique économie société culture se connecter s abonner rechercher commentaires
    portada españa internacional economía deportes cultura suscríbete buscar comentarios opinión
    """
)
