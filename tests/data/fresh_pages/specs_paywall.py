"""Fourth batch (session 5): paywalled news pages in eight languages, two of them (Italian,
Portuguese) new to the fresh pages. Written and labelled on 2026-12-06 before any rule ran on them;
same block format as specs_en. Each page shows the story's opening paragraphs, then the notice a
site puts where the rest of the story would be (or above it), in that language."""

from __future__ import annotations

from specs_en import cap, junk, nav, p

PAGES: list[dict] = []


def wall(*items: str) -> list[tuple]:
    return [(0, "paywall", "div", t) for t in items]


PAGES.append(dict(
    id="pw_en_metered", lang="en",
    meta=dict(title="Port strike enters second week as talks stall", date="2024-05-14",
              author="Daniel Price", site="The Harbour Times", url="https://harbourtimes.example/business/2024/05/14/port-strike"),
    body=[
        *nav("News", "Business", "Opinion", "Sport", "Subscribe", "Sign in"),
        (1, "headline", "h1", "Port strike enters second week as talks stall"),
        (0, "byline", "div", "By Daniel Price, Business Reporter"),
        (0, "date", "div", "May 14, 2024 6:02 am"),
        p("Dock workers at the city's container terminal stayed off the job for an eighth day on Monday after overnight talks with the port operator ended without a deal."),
        p("The union says its members have not had a real pay rise since 2019, while the operator says its latest offer of 4.5 per cent a year is final."),
        *wall("You have 1 free article left this month.",
              "This story is available exclusively to subscribers.",
              "Subscribe for full access to The Harbour Times from $1 a week. Cancel anytime.",
              "Already have an account? Sign in"),
        *junk("Most popular", "Council approves new cycle lanes", "© 2024 The Harbour Times"),
    ],
))

PAGES.append(dict(
    id="pw_de_plus", lang="de",
    meta=dict(title="Stadtwerke erhöhen die Fernwärmepreise um ein Drittel", date="2023-09-21",
              author="Jonas Keller", site="Rheinische Rundschau", url="https://rheinische-rundschau.example/region/2023/09/21/fernwaerme"),
    body=[
        *nav("Startseite", "Region", "Politik", "Wirtschaft", "Sport", "Abo", "Anmelden"),
        (0, "junk", "div", "RR+"),
        (1, "headline", "h1", "Stadtwerke erhöhen die Fernwärmepreise um ein Drittel"),
        (0, "byline", "div", "Von Jonas Keller"),
        (0, "date", "div", "21.09.2023, 17:45 Uhr"),
        p("Rund 40.000 Haushalte in der Stadt müssen sich ab Januar auf deutlich höhere Heizkosten einstellen, wie die Stadtwerke am Donnerstag mitteilten."),
        p("Als Grund nennt das Unternehmen die gestiegenen Einkaufspreise für Erdgas, die es nun an die Kunden weitergeben müsse."),
        *wall("Dieser Artikel ist exklusiv für Abonnenten.",
              "Jetzt weiterlesen mit RR+",
              "Testen Sie RR+ einen Monat lang für 0,99 Euro. Jederzeit kündbar.",
              "Sie sind bereits Abonnent? Hier anmelden"),
        *junk("Das könnte Sie auch interessieren", "Neue Buslinie ab Dezember", "Impressum", "Datenschutz"),
    ],
))

PAGES.append(dict(
    id="pw_fr_abonnes", lang="fr",
    meta=dict(title="La ville renonce à son projet de tramway", date="2024-01-09",
              author="Claire Bernard", site="Le Courrier de l'Ouest", url="https://courrier-ouest.example/ville/2024/01/09/tramway"),
    body=[
        *nav("Accueil", "Ville", "Région", "Économie", "Sports", "S'abonner", "Se connecter"),
        (0, "junk", "div", "Article réservé aux abonnés"),
        (1, "headline", "h1", "La ville renonce à son projet de tramway"),
        (0, "byline", "div", "Par Claire Bernard"),
        (0, "date", "div", "Publié le 9 janvier 2024 à 18h05"),
        p("Le conseil municipal a voté mardi soir l'abandon du projet de deuxième ligne de tramway, jugé trop coûteux après la hausse des prix des matériaux."),
        p("« Nous ne pouvons pas engager la ville sur une dépense de 400 millions d'euros », a expliqué le maire devant les élus."),
        *wall("Il vous reste 75% de cet article à lire.",
              "La suite est réservée aux abonnés.",
              "Abonnez-vous pour lire la suite de cet article : 1 € le premier mois, sans engagement.",
              "Déjà abonné ? Connectez-vous"),
        *junk("À lire aussi", "Les travaux de la gare prennent du retard", "© Le Courrier de l'Ouest"),
    ],
))

PAGES.append(dict(
    id="pw_es_suscriptores", lang="es",
    meta=dict(title="El Gobierno regional congela las tasas universitarias", date="2023-06-02",
              author="Lucía Romero", site="Diario del Sur", url="https://diariodelsur.example/educacion/2023/06/02/tasas"),
    body=[
        *nav("Portada", "Andalucía", "España", "Economía", "Deportes", "Suscríbete", "Entrar"),
        (1, "headline", "h1", "El Gobierno regional congela las tasas universitarias"),
        (0, "byline", "div", "Lucía Romero | Sevilla"),
        (0, "date", "div", "02/06/2023 - 12:31"),
        p("El consejo de gobierno aprobó este viernes la congelación de las tasas de matrícula en las universidades públicas para el próximo curso."),
        p("La medida afectará a unos 250.000 estudiantes, según los datos facilitados por la consejería de Universidades."),
        *wall("Este contenido es exclusivo para suscriptores.",
              "Te quedan 0 noticias gratuitas este mes.",
              "Suscríbete y lee sin límites por 1 euro el primer mes.",
              "¿Ya eres suscriptor? Inicia sesión"),
        *junk("Te puede interesar", "Las playas reciben 40 banderas azules", "Aviso legal", "Política de cookies"),
    ],
))

PAGES.append(dict(
    id="pw_it_abbonati", lang="it",
    meta=dict(title="Il Comune chiude il ponte vecchio per lavori urgenti", date="2024-03-18",
              author="Marco Rinaldi", site="La Gazzetta del Lago", url="https://gazzettadellago.example/cronaca/2024/03/18/ponte"),
    body=[
        *nav("Home", "Cronaca", "Politica", "Economia", "Sport", "Abbonati", "Accedi"),
        (1, "headline", "h1", "Il Comune chiude il ponte vecchio per lavori urgenti"),
        (0, "byline", "div", "di Marco Rinaldi"),
        (0, "date", "div", "18 marzo 2024, 09:40"),
        p("Il ponte vecchio sarà chiuso al traffico da lunedì per almeno tre mesi, dopo che un'ispezione ha rilevato crepe nei piloni centrali."),
        p("«La sicurezza dei cittadini viene prima di tutto», ha dichiarato il sindaco in una conferenza stampa in municipio."),
        p("Gli autobus di linea saranno deviati sul ponte nuovo, con tempi di percorrenza più lunghi di circa dieci minuti."),
        *wall("Questo articolo è riservato agli abbonati.",
              "Per continuare a leggere abbonati a La Gazzetta del Lago: il primo mese a 1 euro.",
              "Sei già abbonato? Accedi"),
        *junk("Leggi anche", "Nuovi orari per la biblioteca civica", "Ultime notizie", "© Riproduzione riservata"),
    ],
))

PAGES.append(dict(
    id="pw_pt_assinantes", lang="pt",
    meta=dict(title="Prefeitura anuncia reforma do mercado municipal", date="2023-11-07",
              author="Beatriz Almeida", site="Jornal da Serra", url="https://jornaldaserra.example/cidade/2023/11/07/mercado"),
    body=[
        *nav("Início", "Cidade", "Política", "Economia", "Esportes", "Assine", "Entrar"),
        (1, "headline", "h1", "Prefeitura anuncia reforma do mercado municipal"),
        (0, "byline", "div", "Por Beatriz Almeida"),
        (0, "date", "div", "07/11/2023 às 14h20"),
        p("A prefeitura anunciou nesta terça-feira uma reforma completa do mercado municipal, que deve custar cerca de R$ 12 milhões."),
        p("Segundo o secretário de Obras, os comerciantes serão transferidos para uma estrutura provisória durante os oito meses de obra."),
        *wall("Conteúdo exclusivo para assinantes.",
              "Para continuar lendo, assine o Jornal da Serra por R$ 1,90 no primeiro mês.",
              "Você atingiu o limite de matérias gratuitas.",
              "Já é assinante? Faça login"),
        *junk("Leia também", "Chuva forte causa alagamentos no centro", "Todos os direitos reservados"),
    ],
))

PAGES.append(dict(
    id="pw_ru_podpiska", lang="ru",
    meta=dict(title="Власти города отложили повышение тарифов на проезд", date="2023-12-12",
              author="Мария Соколова", site="Городские ведомости", url="https://gorodskie-vedomosti.example/gorod/2023/12/12/tarify"),
    body=[
        *nav("Главная", "Город", "Экономика", "Происшествия", "Спорт", "Подписка", "Войти"),
        (1, "headline", "h1", "Власти города отложили повышение тарифов на проезд"),
        (0, "byline", "div", "Мария Соколова"),
        (0, "date", "div", "12 декабря 2023, 16:05"),
        p("Мэрия решила перенести повышение стоимости проезда в общественном транспорте с января на июль следующего года."),
        p("«Мы понимаем, что для многих горожан это чувствительный вопрос», — заявил заместитель мэра на заседании городской думы."),
        *wall("Этот материал доступен только подписчикам.",
              "Чтобы продолжить чтение, оформите подписку всего за 99 рублей в месяц.",
              "Уже есть подписка? Войдите"),
        *junk("Читайте также", "В парке откроют каток", "© Городские ведомости"),
    ],
))

PAGES.append(dict(
    id="pw_pl_prenumerata", lang="pl",
    meta=dict(title="Miasto podnosi opłaty za wywóz śmieci", date="2024-02-27",
              author="Tomasz Wójcik", site="Gazeta Miejska", url="https://gazeta-miejska.example/miasto/2024/02/27/smieci"),
    body=[
        *nav("Strona główna", "Miasto", "Region", "Biznes", "Sport", "Prenumerata", "Zaloguj się"),
        (1, "headline", "h1", "Miasto podnosi opłaty za wywóz śmieci"),
        (0, "byline", "div", "Tomasz Wójcik"),
        (0, "date", "div", "27.02.2024, 08:15"),
        p("Od kwietnia mieszkańcy zapłacą za wywóz odpadów o 15 procent więcej, zdecydowali we wtorek radni miasta."),
        p("Według urzędników podwyżka wynika z wyższych kosztów spalarni i nowych przepisów dotyczących recyklingu."),
        *wall("Ten artykuł jest dostępny tylko dla prenumeratorów.",
              "Aby czytać dalej, wykup dostęp już od 9,90 zł miesięcznie.",
              "Masz już prenumeratę? Zaloguj się"),
        *junk("Czytaj także", "Nowy park otwarty w centrum", "Wszelkie prawa zastrzeżone"),
    ],
))
