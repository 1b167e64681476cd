"""Phrase patterns that mark web boilerplate, each with the human reason it gives.

Kept general on purpose (words sites use to talk to the reader about the site, not about the story), so
that they carry over to pages we have never seen. Each pattern is searched only in the first
`HEAD_CHARS` characters of a line, so a megabyte-long line costs no more than a short one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.words import READER_PRONOUNS, RIGHTS_RESERVED, UI_WORDS, WORD, alternation, word_set

HEAD_CHARS = 400
NUMBERS_ONLY = "<numbers>"  # pseudo-word of a line without letters but with digits

# Strong phrases: boilerplate on a line of any length (full-sentence cookie notices and pitches too).
# Per reason: trigger words (a line holding none of them cannot match, which keeps the scan cheap; "^"
# in front means only the line's first word counts) and the alternatives, joined into one pattern
# matched against the lower-cased start of the line. A reason may have several entries.
STRONG: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "author bio",
        "writer reporter correspondent contributor editor columnist journalist author freelance fact checker "
        "written writes covered covers reported",
        (
            r"^[a-z][\w'’.-]+( [a-z][\w'’.-]+){0,3}( \(@\w+\))? is an? ([\w-]+ ){0,4}"
            r"(writer|reporter|correspondent|contributor|editor|columnist|journalist|author|freelancer"
            r"|fact-checker|fact checker)\b",
            r"^[a-z][\w'’.-]+( [a-z][\w'’.-]+){0,3} is the [\w'’.-]+( [\w-]+){0,3} "
            r"(writer|reporter|correspondent|editor|columnist)\b",
            r"^[a-z][\w'’.-]+( [a-z][\w'’.-]+){0,3} is [\w.&-]+['’]s ([\w-]+ ){0,3}"
            r"(writer|reporter|correspondent|editor|columnist)\b",
            r"^about the author\b",
            # "Maggie Hart has written the column since 2009", "X is a historian ... and the author of ..."
            r"^[a-z][\w'’.-]+( [a-z][\w'’.-]+){1,3} (has written|writes|has covered|covers|has reported)\b"
            r"[^.!?]{0,80}\b(column|since (19|20)\d\d|for (the|this) )",
            r"^[a-z][\w'’.-]+( [a-z][\w'’.-]+){1,3} is an? [^.!?]{0,60}\b(and )?(the )?author of\b",
        ),
    ),
    (
        "cookie notice",
        "cookie cookies privacy consent agree accept sell",
        (
            r"\b(we|this (web)?site|our (web)?site|our partners) (and our partners )?"
            r"(use|uses|store|stores) cookies",
            r"\buse of cookies\b",
            r"\baccept (all )?cookies\b",
            r"\bcookie (policy|settings|preferences|notice|consent)",
            r"\bby (continuing|clicking|using|browsing)\b[^.]{0,60}\b(you (agree|accept|consent)|cookies)",
            r"\b(manage|update) (your )?(privacy|consent|cookie) (settings|preferences|choices)",
            r"\bwe value your privacy\b",
            r"\bdo not sell my (personal )?info",
            r"\byour privacy (is important|matters)\b",
            r"\bwe care about your (privacy|data)\b",
        ),
    ),
    (
        "comments section",
        "comment comments reply response responses replies discussion conversation "
        "thoughts email required tell "
        "комментарии коментарі каментары komentarze kommentare commentaires comentarios commenti отзывы "
        "добавить оставить залишити додати пакінуць dodaj kommentar laisser deja dejar deixe "
        "comentários lascia devi",
        (
            r"^(\d+\s+)?comments?( \(\d+\))?$",
            r"^(leave|post|add|write) a (comment|reply|response)\b",
            r"^view (the )?(discussion|comments)\b",
            r"^(show|load|view|read) (all |more )?comments\b",
            r"^join the conversation\b",
            r"\bcomments (are|have been) closed\b",
            r"\bcomments powered by\b",
            r"^no comments( yet)?\b",
            r"\bas you comment\b",
            r"^(top rated|most recent|newest|oldest|reader) comments$",
            r"^\d+ (comments|responses|replies)$",
            r"^\d+ (thoughts|comments|responses|replies) (on|to)\b",
            r"^responses( \(\d+\))?$",
            r"\byour email address will not be published\b",
            r"\brequired fields are marked\b",
            r"^tell us what you think\b",
            r"\bcomments? (are|will be|is) (moderated|reviewed|approved|pre-moderated)\b",
            r"\bcomment(ing)? (policy|guidelines|rules)\b",
            r"\b(comentários|commenti|commentaires|comentarios|kommentare|komentarze|комментарии|коментарі)\b"
            r"[^.!?]{0,100}\b(aprovad|moderat|modér|moderad|approv|freigeschaltet|moderowan|модер|publicad|publié)",
            r"^(lascia un commento|devi essere connesso per|deixe seu comentário)\b",
            r"^(отзывы|добавить отзыв|оставить отзыв|оставить комментарий|добавить комментарий"
            r"|залишити коментар|додати коментар|пакінуць каментар|dodaj komentarz|kommentar schreiben"
            r"|laisser un commentaire"
            r"|deja un comentario|dejar un comentario|deixe um comentário)\b(?=[^.!?]*$)",
            r"^(комментарии|коментарі|каментары|komentarze|kommentare|commentaires|comentarios|commenti)"
            r"( \(\d+\))?$",
        ),
    ),
    (
        "subscription pitch",
        "sign subscribe newsletter newsletters already trial free unlimited app subscription inbox story "
        "never whenever journalism become email mail account unsubscribe join click "
        "delivered подписывайтесь "
        "підписуйтесь падпісвайцеся подпишитесь підпишіться zapisz abonnieren recevez "
        "inscrivez recibe suscríbete",
        (
            r"\bsign up (now |today |here )?(for|to) (our|my|read|get|receive)\b",
            r"\bsubscribe (now|today|here)\b",
            r"^(subscribe|sign up|register) (to|for|now|today|and)\b",
            r"^member-only story$",
            r"\bget an email whenever\b",
            r"^never miss (an update|a story|the latest)\b",
            r"\bsubscribe (to|for) (our|the|my)\b",
            r"\b(our|free|daily|weekly) newsletters?\b",
            r"\bnewsletter sign.?up\b",
            r"\balready (a |an )?(member|subscriber|registered)\b",
            r"\b(start|begin) (your )?free trial\b",
            r"\b\w+ days? free\b",
            r"\bunlimited (digital )?access\b",
            r"\b(get|download) (the|our) (free )?app\b",
            r"\bone subscription\b",
            r"\bdelivered (straight )?to your inbox\b",
            r"\b(support|fund) (our|independent|quality) journalism\b",
            r"\bbecome a (member|subscriber|patron)\b",
            r"\bsign up to read\b",
            r"\bsubscribe to (continue|keep) reading\b",
            r"\benter your email\b",
            r"\byour (email|e-mail) address\b",
            r"\bcreate (a |your )?free account\b",
            r"\bunsubscribe (at any time|anytime)\b",
            r"\bjoin our (community|forums?|mailing list|newsletter)\b",
            r"\bclick here to (subscribe|support|sign|join|donate)\b",
            r"\bsubscribe for free\b",
            r"\bdelivered (straight )?(to|through) your (inbox|letterbox|door|mailbox)\b",
            r"\b\d+ issues for\b",
            r"^(подписывайтесь|підписуйтесь|падпісвайцеся|подпишитесь|підпишіться) на\b",
            r"\b(zapisz się|zapisz sie) (do|na) newslett",
            r"\bnewsletter abonnieren\b",
            r"^(recevez|inscrivez-vous à) (chaque|notre|la) ",
            r"^(recibe|suscríbete a) (nuestro|nuestra|el|la) (boletín|newsletter)",
            r"\byou('re| are) receiving this (email|e-mail|newsletter|message)\b",
            r"\b(share|forward) (it|this|this email|this newsletter) (with|to) a friend\b",
            r"^forward to a friend$",
            r"^view (this email )?in (your )?browser$",
        ),
    ),
    (
        # Funding and trial pitches: "We are funded by readers", "No credit card required".
        "subscription pitch",
        "funded supported support credit try thanks see keep",
        (
            r"^thanks for (signing up|subscribing)\b",
            r"\bkeep an eye on your inbox\b",
            r"^see all newsletters$",
            r"\b(we are|we're) (funded|supported) by (our )?readers\b",
            r"\bsupport us (from|for|with|today|now)\b",
            r"\bno credit card (required|needed)\b",
            r"^try [\w' ]{1,30} (for )?free (for|today|now)\b",
        ),
    ),
    (
        # What a paywalled page says where the rest of the story would be, in the languages the phrase
        # lists cover (and Italian, Portuguese): the story is for subscribers, N free articles are
        # left, subscribe / log in to read on. Anchored on the site talking about "this article" or
        # the reader's access, so a story about subscriptions keeps its sentences.
        "paywall notice",
        "subscribers subscriber members subscribe free limit continue keep reading already "
        "abonnenten abonnentinnen abonnent abo weiterlesen testen bereits artikel beitrag beiträge "
        "abonnés abonné abonnez reste suite déjà "
        "contenido artículo suscriptores abonados quedan queda suscríbete seguir continuar ya "
        "abbonati leggere già riservato "
        "assinantes lendo atingiu já conteúdo matéria "
        "материал подписчикам подписчиков продолжить подписка матеріал передплатників щоб "
        "dla aby masz czytać "
        "only premium exclusive unlock lesen exklusiv pour hazte abbonati assine статья текст оформите "
        "wykup",
        (
            r"\byou have (\d+|no|one|two|three) (more )?(free )?(articles?|stories|story|reads?) "
            r"(left|remaining)\b",
            r"\byou('ve| have) (reached|hit|used up) (your|the) ([\w ]{0,20})?(limit|free articles?)\b",
            r"^(this|the) (article|story|content|piece|report|page) is (only |exclusively )?"
            r"(available |reserved )?(exclusively |only )?(to|for) (paying |our |digital )?"
            r"(subscribers|members)\b",
            r"^(subscribers?|members?|premium)[- ](only|exclusive)( content| article| story)?$",
            r"^subscribe (for|to get|to unlock) (full |unlimited )?(digital )?access\b",
            r"^(to )?(continue|keep) reading\b[^.!?]{0,60}\b(subscribe|log in|sign in|register)\b",
            r"^(dieser|der|diesen) (artikel|beitrag|inhalt|text)( ist| steht)? "
            r"(nur |exklusiv |ausschließlich )*(für )?(abonnent|abo|plus)",
            r"^(jetzt )?weiterlesen mit\b",
            r"^testen sie [^.!?]{1,40}\b(einen monat|\d+ (tage|wochen)|gratis|kostenlos)\b",
            r"^sie (sind|haben) bereits (abonnent|ein abo|ein konto)",
            r"\bsie haben (noch )?(\d+|einen|eine|zwei|drei|keine) (kostenlose[n]? )?(artikel|beiträge)\b",
            r"^(cet |l'|l’)?(article|contenu)( est)? réservé (aux|à nos) abonnés\b",
            r"^la suite (de cet article )?est réservée (aux|à nos) abonnés\b",
            r"^il vous reste \d+ ?% (de cet article )?à (lire|découvrir)\b",
            r"^abonnez-vous pour (lire|continuer|accéder)\b",
            r"^déjà abonné\b",
            r"^(este |el )?(contenido|artículo|reportaje)( es)? (exclusivo|solo|sólo) (para|de) "
            r"(suscriptores|abonados)\b",
            r"^te quedan? (\d+|un|una|dos|tres|cero) (noticias?|artículos?|contenidos?) "
            r"(gratis|gratuit[oa]s?)\b",
            r"^suscríbete (y|para) (lee|leer|seguir|continuar|disfrutar)\b",
            r"^¿?ya eres (suscriptor|abonado|socio)\b",
            r"^para (seguir|continuar) leyendo\b",
            r"^(questo |l'|l’)?(articolo|contenuto)( è)? riservato (agli|ai) (abbonati|utenti abbonati)\b",
            r"^per continuare a leggere\b",
            r"^sei già abbonato\b",
            r"^((este|esta) )?(conteúdo|matéria|reportagem)( é)? exclusiv[oa] (para|de|a) assinantes\b",
            r"^para continuar lendo\b",
            r"\bvocê atingiu o limite de (matérias|reportagens|conteúdos)\b",
            r"^já é assinante\b",
            r"^(этот |данный )?материал доступен только (для )?подписчик",
            r"^(цей )?матеріал доступний (лише|тільки) (для )?передплатник",
            r"^чтобы (продолжить|прочитать) (чтение|материал|статью)[^.!?]{0,40}подписк",
            r"^щоб (продовжити|прочитати)[^.!?]{0,40}передплат",
            r"^уже есть подписка\b",
            r"^(ten )?(artykuł|materiał|tekst) (jest )?dostępny (jest )?(tylko|wyłącznie) dla "
            r"(prenumeratorów|subskrybentów|abonentów)\b",
            r"^aby (czytać dalej|przeczytać (cały )?artykuł|kontynuować czytanie)\b",
            r"^masz już (prenumeratę|subskrypcję|konto)\b",
            # Added after a held-out check (other phrasings of the same notices, see the closing note):
            r"^only (paying )?(subscribers|members) can (read|access|see|view|continue)\b",
            r"^(this is an? )?(premium|subscriber|exclusive|members?[- ]only) (article|story|content)\.?$",
            r"^unlock (this|the full) (article|story)\b",
            r"\b(lesen sie|weiterlesen)\b[^.!?]{0,60}\bmit (einem|ihrem) (abo|abonnement|plus-abo)\b",
            r"^exklusiv für (abonnenten|abonnentinnen|abonnent\*innen)\b",
            r"^pour lire la suite\b",
            r"^hazte (suscriptor|socio)\b",
            r"^abbonati per (leggere|continuare)\b",
            r"^assine para (ler|continuar)\b",
            r"^(статья|материал|текст) доступ(ен|на|но) (только )?(по подписке|подписчикам)\b",
            r"^оформите подписку\b[^.!?]{0,40}\b(читать|чтение|прочитать)",
            r"^wykup (subskrypcję|dostęp|prenumeratę)\b[^.!?]{0,40}\b(czytać|przeczytać)",
        ),
    ),
    (
        # The form's own words, in the reader's voice ("I agree that X can send me ..."): no reporting.
        "newsletter sign-up form",
        "agree opt",
        (
            r"\bi agree (that|to)\b[^.!?]{0,60}\b(send|email|e-mail|newsletter)",
            r"\bcheck the opt-in box\b",
        ),
    ),
    (
        "browser notice",
        "javascript browser enable playback unsupported supported window wrong requires",
        (
            r"\b(turn on|enable|activate) javascript\b",
            r"\brequires javascript\b",
            r"\bjavascript (is )?(disabled|required|turned off)\b",
            r"\b(upgrade|update) (to a (newer|modern|supported) browser|your browser)\b",
            r"\byour browser (does not|doesn'?t|is not) support",
            r"\bplayback (is )?(unsupported|not supported) on your device\b",
            r"\b(will )?open in a new (window|tab)\b",
            r"^something went wrong\b",
        ),
    ),
    (
        "breadcrumb",
        "^you",
        (r"^you are (here|viewing)\b",),
    ),
    (
        "chat widget",
        "chat help ask",
        (
            r"\bchat with us\b",
            r"\bhow can (i|we) help( you)?\?",
            r"\bask us anything\b",
            r"\blive chat\b",
        ),
    ),
    (
        "social links",
        "follow facebook join",
        (
            r"\bfollow (us|him|her|me|them)( on| at| @|:)",
            r"\b(like|find) us on facebook\b",
            r"\bjoin (us|our) (on|at|in)\b",
            r"^follow [^.!?]{1,30} on$",
        ),
    ),
    (
        "tags",
        "^tag tags topic topics filed categories posted in more keywords",
        (r"^(tags?|topics?|filed under|categories|posted in|in this article|more about|keywords)\s*:",),
    ),
    (
        "picture gallery",
        "^image photo picture slide back of " + NUMBERS_ONLY,
        (
            r"^(image|photo|picture|slide) \d+ (of|/) \d+$",
            r"^\d{1,3} ?of ?\d{1,3}(?=[a-z\u00c0-\u024f])",  # "1of4Grass Valley's ...": a slideshow's caption
            r"^\d+ ?(/|of) ?\d+$",
            r"^back to (the )?(gallery|slideshow|photos)$",
        ),
    ),
    (
        "source link",
        "source appeared reporting writing editing edited compiled translated",
        (
            r"^source( link)?:?$",
            r"\bappeared first on\b",
            r"^\(?(reporting|writing|editing|additional reporting) by\b",
            r"^\(?(edited|compiled|translated) by\b",
        ),
    ),
    (
        # Footers of syndicated, wire and science stories: anchored at the line's first word.
        "source link",
        "^read this originally first more journal citation doi provided write email e contact additional",
        (
            r"^read the original (article|story|post)\b",
            r"^(this (article|story|post) (was|is) )?(originally|first) (published|appeared) (on|in|at|by)\b",
            r"^(more information|journal information|journal reference|citation|doi)\s*:",
            r"^provided by\b(?=[^.!?]*$)",
            r"^write to [^.!?]{1,60} at \S+@",
            r"^(email|e-mail|contact)( the (author|writer|reporter))?\s*:?\s*\S+@\S+$",
        ),
    ),
    (
        "share buttons",
        "share sharing click tap shares print email mail save bookmark",
        (
            r"^share (this|on|via|the|article|story|post|page|all|to|with|it)\b",
            r"\bsharing buttons\b",
            r"\bsharing options\b",
            r"\bsharing is caring\b",
            r"^(click|tap) to (share|tweet|email|print)\b",
            r"^\d+\s*shares?$",
            r"^(print|email|e-mail|save|share|bookmark) (this )?(article|story|page|post)\b",
        ),
    ),
    (
        "related links",
        "^related recommended similar more popular trending latest top other further you read see "
        "also most our editor editors next up watch don explore читайте смотрите чытайце дивіться глядзіце "
        "по на новости другие інші па самые самое популярное найпопулярніше популярне найбільш "
        "najpopularniejsze najczęściej meistgelesen am les los más lo leggi vedi leia veja czytaj zobacz "
        "mehr lesen auch das à lire sur voir te lo noticias lee leer",
        (
            r"^(related|recommended|similar|more|popular|trending|latest|top|other|further) "
            r""
            r"(stories|articles|posts|news|reads?|reading|coverage|content|videos|topics|links)\b(?=[^.!?]*$)",
            r"^(you (may|might) (also )?(like|enjoy|be interested))\b",
            r"^recommended (from|for you)\b(?=[^.!?]*$)",
            r"^(read|see|watch) (more|next|also)\b(?=[^.!?]*$)",
            r"^(read|see|watch) more\s*:",
            r"^(see also|also read|don'?t miss)\b(?=[^.!?]*$)",
            r"^most (read|popular|viewed|shared|watched|commented|emailed)\b(?=[^.!?]*$)",
            r"^(our|editor'?s|editors'?) picks\b",
            r"^(up next|next up)\b(?=[^.!?]*$)",
            r"^next in\b(?=[^.!?]*$)",
            r"^more (from|on|in|about|great|top) [^.!?]{0,60}$",
            r"^explore more\b(?=[^.!?]*$)",
            r"^more \w+( \w+)? (stories|news|articles|videos)$",
            r"^\[?(related|see also|also read|also see|read also)"
            r"( posts?| articles?| stories| content| coverage)?\s*:",
            r"^also:\s",
            r"^explore further$",
            r"^(самые популярные|самое популярное|популярное|самое читаемое|найпопулярніше|популярне"
            r"|найбільш читане|najpopularniejsze|najczęściej czytane|meistgelesen|am meisten gelesen"
            r"|les plus lus|los más leídos|más leídos|lo más visto)\b(?=[^.!?]*$)",
            r"^(читайте|смотрите|чытайце|дивіться|глядзіце) (также|тоже|також|таксама)\b(?=[^.!?]*$)",
            r"^(по теме|на тему|по темі|па тэме|новости по теме|другие новости|інші новини)\b(?=[^.!?]*$)",
            r"^(czytaj|zobacz) (także|też|również|więcej)\b(?=[^.!?]*$)",
            r"^(mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch "
            r"interessieren)\b(?=[^.!?]*$)",
            r"^(à lire aussi|lire aussi|sur le même sujet|voir aussi)\b(?=[^.!?]*$)",
            r"^(te puede interesar|lo más leído|noticias relacionadas|lee también|leer más)\b(?=[^.!?]*$)",
            r"^\(?(leggi anche|vedi anche|leia também|veja também|leia mais)\b",
            r"^also on \S+\.(com|org|net|co|uk)\b",
        ),
    ),
    (
        "related links",
        "video insight reaction pictures photos gallery poll analysis live latest",
        (r"\[(video|insight|reaction|pictures|photos|gallery|poll|analysis|live|latest)\]\W*$",),
    ),
    (
        "advertisement",
        "^advertisement advert sponsored promoted ad skip story article continue реклама рэклама reklama "
        "publicité publicidad publicidade pubblicità anzeige werbung 广告 廣告 広告 광고 إعلان اعلان विज्ञापन "
        "reklam διαφήμιση פרסומת advertentie annonce",
        (
            r"^(advertisement|advert|sponsored( content)?|promoted( content)?|ad feedback|skip (this )?ad)"
            r"\s*:?$",
            r"^[»›>•*-]?\s*(реклама|рэклама|reklama|publicité|publicidad|publicidade|pubblicità|anzeige|werbung"
            r"|advertisement|广告|廣告|広告|광고|إعلان|اعلان|विज्ञापन|reklam|διαφήμιση|פרסומת|advertentie|annonce)"
            r"\s*[:：]?$",
            r"^(story continues|article continues|continue reading) (below|after)"
            r"( (the |this )?(ad|advertisement))?$",
        ),
    ),
    (
        "photo caption",
        "image images photo photos picture pic credit caption getty file photograph left "
        "right center centre foto фото фота zdjęcie "
        "fot bild img icon logo 摄影 摄 图 图片 照片 写真 撮影 사진 자료사진 تصوير صورة फोटो तस्वीर "
        "fotoğraf φωτογραφία φωτο צילום 日 " + NUMBERS_ONLY,
        (
            r"\((image|photo|picture|pic|credit)s?( credit)?:[^)]{0,80}\)\s*$",
            # in the other scripts: "（摄影：王芳）", "(تصوير: سارة علي)", "फोटो: संवाददाता", "צילום: ..."
            r"[(（]?\s*(摄影|图片来源|图片|照片|写真|撮影|사진|تصوير|صورة|फोटो|तस्वीर|fotoğraf|φωτογραφία|φωτο|צילום)"
            r"\s*[:：]\s*[^.!?。]{1,60}$",
            r"\s(자료사진|연합뉴스)$",  # a Korean caption's "file photo" or agency at its end
            r"（\d{1,2}日(午前|午後)?、[^）]{1,30}）$",  # a Japanese caption's "(5th, at the city hall)"
            r"[a-z]credit:",
            r"^(image|media|photo) caption\b",
            r"^image copyright\b",
            r"^file (photo|picture|image)\b",
            r"\b(from left|left to right|\((left|right|center|centre)\)|, (left|right|center|centre),)",
            r""
            r"[.!?]\s+(photograph|photo|picture|image|credit|foto|фото|фота|zdjęcie|fot|bild)\s*[:.]\s*[^.!?]{1,60}$",
            r"[.!?]\s+(photograph|photo|picture|image) by [^.!?]{1,50}$",
            r"[.!?]\s+([\w'’-]+ ){0,3}(file|staff|handout|courtesy|contributed|submitted) "
            r"(photo|picture|image)s?\.?$",
            # a text browser's picture placeholder
            r"^\[(\d+|image|img|photo|picture|icon|logo|foto|фото)\]$",
        ),
    ),
    (
        "promo link",
        "^click clique cliquez kliknij klicken нажмите натисніть haga",
        (
            r"^(click|clique|cliquez|kliknij|нажмите|натисніть)"
            r" (here|on|the|na|no|e|ici|sur|tutaj|w|на|тут)\b"
            r"[^.!?]{0,80}\b(see|watch|read|view|veja|ver|saiba|voir|zobacz|смотр|дивит)",
            r"^(haga clic|klicken sie)\b",
        ),
    ),
    (
        "shopping link",
        "^see buy check view shop get order",
        (
            r"^(see it|buy it|shop it|get it) (now|at|on|from)\b[^.!?]{0,40}$",
            r"^(buy now|shop now|check price|view deal|see deal|see price|check availability)\b[^.!?]{0,40}$",
            r"^(buy|order|get) (the|this) (book|album|game|tickets?|film)\s*:",
        ),
    ),
    (
        "disclaimer",
        "affiliate commission views necessarily edited condensed letter opinion",
        (
            r"\baffiliate (links?|commissions?|partnerships?)\b",
            r"\b(may|might|could) (earn|receive|get) (a |an )?(small )?(affiliate "
            r")?(commission|share of sales)\b",
            r"\bviews expressed (in|here|on|are|by)\b",
            r"\bdo(es)? not necessarily (reflect|represent)\b",
            r"^(this|the) (interview|article|story|transcript|conversation|q&a) (has been|was|have been) "
            r"(edited|condensed|lightly edited)\b",
            r"\bsubmit a letter\b",
            r"^do you have an opinion on\b",
        ),
    ),
    (
        # Health and legal pages' notes, machine transcripts, editorial-board notes.
        "disclaimer",
        "information substitute generated automatically editorials",
        (
            r"\bfor (general )?information(al)? (purposes )?only\b",
            r"\bnot (a substitute|intended as a substitute|intended to replace) for "
            r"(professional|medical|legal|financial)\b",
            r"\b(generated automatically|automatically generated|machine-generated) and may contain errors\b",
            r"^(editorials|opinion pieces|columns) (are|represent|reflect) the (opinion|views)\b",
        ),
    ),
    (
        # Press trips: "Clara travelled as a guest of the Ljubljana Tourist Board."
        "disclaimer",
        "guest travelled traveled trip",
        (
            r"\btravel(l)?ed (as a guest of|courtesy of|with (the )?support (of|from)|with help from)\b",
            r"\b(trip|travel|stay) was (paid for|provided|funded|hosted) by\b",
        ),
    ),
    (
        "disclaimer",
        "sponsored brought",
        (
            r"^(this|today'?s) [\w' ]{1,30} (is|was) (sponsored|brought to you) by\b",
            r"^sponsored by\b(?=[^.!?]*$)",
        ),
    ),
    (
        "feedback widget",
        "helpful useful rate survey give",
        (
            r"^(was|is|did) (this|the) (article|page|story|information|answer) (helpful|useful)\b",
            r"^rate this (article|story|page|recipe)\b",
            r"\b(take|taking) (this|our|a short|a quick) survey\b",
            r"^give (us )?feedback$",
        ),
    ),
    (
        "download link",
        "^download",
        (r"^download (the|our|a|this) (full |free )?(report|pdf|guide|study|paper|brochure|fact sheet)\b",),
    ),
    (
        # An obituary page's guest book and shop.
        "guest book",
        "^sign view share send plant leave",
        (
            r"^(sign|view|leave a message in) (the |our )?guest ?book\b",
            r"^share an? (memory|condolence|photo)\b[^.!?]{0,40}$",
            r"^send (flowers|sympathy|a card)\b[^.!?]{0,40}$",
            r"^plant (a )?(memorial )?trees?\b[^.!?]{0,40}$",
        ),
    ),
    (
        "reference list",
        "^sources references bibliography works notes",
        (r"^(sources|references|bibliography|works cited|notes and references)\s*:?$",),
    ),
    (
        "markup left in the text",
        "^lt div span p a img script style iframe br strong em figure section ul li function var window",
        (
            r"^&lt;/?[a-z][a-z0-9]*[ >&/]",
            r"^</?(div|span|p|a|img|script|style|iframe|br|strong|em|figure|section|ul|li)\b[^>]*>",
            r"^(function\s*\(|var \w+ ?=|window\.\w+)",
        ),
    ),
    (
        "footer",
        "rights copyright c privacy terms все усі всі усе wszelkie alle tous todos tutti права prawa rechte "
        "droits derechos diritti document 版权所有 版權所有 无断转载 無断転載 무단 الحقوق सर्वाधिकार hakları "
        "δικαιώματος δικαιώματα הזכויות rechten",
        (
            rf"(?<!\w)({alternation(frozenset(RIGHTS_RESERVED))})(?!\w)",
            r"^(©|\(c\)|copyright\b)",
            r"^(privacy policy|terms (of (use|service)|and conditions))$",
            r"\bthis document is subject to copyright\b",
        ),
    ),
)


_TOKEN = re.compile(WORD)  # words of any script: phrase lists exist for many languages
_DIGIT = re.compile(r"\d")
_NUMBERS_ONLY_SET = frozenset({NUMBERS_ONLY})


@dataclass(frozen=True)
class _Rule:
    reason: str
    triggers: frozenset[str]  # a line holding none of these words cannot match the pattern
    first_word: bool  # triggers written "^...": only the line's first word can set the rule off
    pattern: re.Pattern[str]  # every alternative, for reading; `start` and `anywhere` are what runs
    start: re.Pattern[str] | None = None  # the alternatives anchored with "^", tried at the start only
    anywhere: re.Pattern[str] | None = None  # the others, searched through the line's head

    def matches(self, low: str) -> bool:
        return bool((self.start and self.start.match(low)) or (self.anywhere and self.anywhere.search(low)))


def _top_level_bar(alternative: str) -> bool:
    """Whether an alternative holds a "|" outside brackets (then its "^" anchors only its first part)."""
    depth, escaped, in_class = 0, False, False
    for c in alternative:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
    return False


def _rule(why: str, triggers: str, alts: tuple[str, ...]) -> _Rule:
    """A searched pattern costs each alternative at each position of the line's head; the anchored
    alternatives are matched once, at the start, instead."""
    anchored = [a[1:] for a in alts if a.startswith("^") and not _top_level_bar(a)]
    others = [a for a in alts if not (a.startswith("^") and not _top_level_bar(a))]
    return _Rule(
        why,
        frozenset(triggers.lstrip("^").split()),
        triggers.startswith("^"),
        re.compile("|".join(alts)),
        re.compile("|".join(f"(?:{a})" for a in anchored)) if anchored else None,
        re.compile("|".join(others)) if others else None,
    )


RULES: tuple[_Rule, ...] = tuple(_rule(why, triggers, alts) for why, triggers, alts in STRONG)
TRIGGERS = frozenset().union(*(r.triggers for r in RULES))
# For each trigger word, the rules (by position, so the first listed reason wins) it can set off.
_RULES_BY_WORD: dict[str, tuple[int, ...]] = {
    word: tuple(i for i, r in enumerate(RULES) if word in r.triggers) for word in TRIGGERS
}
_FOOTER = next(i for i, r in enumerate(RULES) if r.reason == "footer")


def head_words(text: str) -> tuple[str, frozenset[str]]:
    """The lower-cased start of a line and its set of words: computed once, shared by every check.

    A line of numbers and signs only ("1 / 23") gets the pseudo-word NUMBERS_ONLY, so rules about such
    lines can still be triggered.
    """
    low = text[:HEAD_CHARS].lower()
    words = frozenset(_TOKEN.findall(low))
    if not words and _DIGIT.search(low):
        return low, _NUMBERS_ONLY_SET
    return low, words


_COOKIE_CONTEXT = frozenset(
    re.findall(
        r"\w+",
        "consent agree accept partners personal preferences settings personalise personalize experience "
        "improve tracking advertising device browsing policy manage",
    )
)
_QUOTES = ('"', "“", "”", "«", "»")


# "We use cookies" in the other languages: the site's own verb is enough.
_COOKIE_WE_USE = word_set(
    "utilizziamo usiamo utilisons utilise utilizamos usamos używamy verwenden nutzen используем использует "
    "використовуємо використовує выкарыстоўваем"
)


def _cookie_notice(low: str, words: frozenset[str]) -> bool:
    """Any sentence where the site talks to the reader about cookies, however it is worded."""
    if not ("cookie" in words or "cookies" in words or "куки" in words) or any(q in low for q in _QUOTES):
        return False
    if not words.isdisjoint(_COOKIE_WE_USE):
        return True
    return not words.isdisjoint(READER_PRONOUNS) and not words.isdisjoint(_COOKIE_CONTEXT)


def strong_reason(low: str, words: frozenset[str]) -> str | None:
    """The reason of the first strong phrase found near the start of the line, if any."""
    hits = words & TRIGGERS
    if not hits and "©" not in low:
        return None
    if _cookie_notice(low, words):
        return "cookie notice"
    candidates: set[int] = {_FOOTER} if "©" in low else set()
    for word in hits:
        candidates.update(_RULES_BY_WORD[word])
    first = _TOKEN.search(low)
    first_word = first.group() if first else NUMBERS_ONLY
    for i in sorted(candidates):
        rule = RULES[i]
        if rule.first_word and first_word not in rule.triggers:
            continue
        if rule.matches(low):
            return rule.reason
    return None


def is_ui_words(words: frozenset[str]) -> bool:
    """A short line's words (from `head_words`) are all interface words."""
    return bool(words) and words <= UI_WORDS
