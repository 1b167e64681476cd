"""Non-English fresh pages (ru, uk, pl, de, be, fr, es); same block format as specs_en."""

from __future__ import annotations

from specs_en import cap, h2, junk, nav, p

PAGES: list[dict] = []

PAGES.append(dict(
    id="ru_news", lang="ru",
    meta=dict(title="В Минске прошли учения по гражданской обороне", date="2020-10-12",
              author="Ирина Петрова", site="Новости Региона", url="https://novosti-regiona.example/society/2020/10/12/ucheniya"),
    body=[
        *nav("Главная", "Политика", "Экономика", "Общество", "Спорт", "Культура", "Войти"),
        (0, "junk", "div", "Реклама"),
        (0, "date", "div", "12.10.2020 14:35"),
        (1, "headline", "h1", "В Минске прошли учения по гражданской обороне"),
        (0, "byline", "div", "Ирина Петрова"),
        cap("Спасатели во время учений. Фото: пресс-служба МЧС"),
        p("В понедельник в Минске прошли масштабные учения по гражданской обороне, в которых приняли участие более 2 тыс. человек, сообщили в Министерстве по чрезвычайным ситуациям."),
        p("По словам представителя ведомства, т. е. пресс-секретаря Виталия Андреева, учения проводились в соответствии со ст. 12 закона о гражданской обороне."),
        p("«Мы проверили, как быстро службы могут эвакуировать жителей из районов возможного затопления», — заявил Андреев журналистам."),
        p("— Все службы сработали в штатном режиме, — сказал он, добавив, что следующие учения пройдут весной 2021 г."),
        (0, "junk", "div", "Реклама"),
        p("Жители нескольких районов города получили SMS-оповещения о проведении учений заранее, поэтому паники удалось избежать."),
        *junk("Читайте также", "В Гомеле открыли новый мост через Сож", "Погода на выходные: похолодание и дожди",
              "Подписывайтесь на наш канал в Telegram", "Комментарии", "© 2020 Новости Региона. Все права защищены.", "Политика конфиденциальности"),
    ],
))

PAGES.append(dict(
    id="uk_news", lang="uk",
    meta=dict(title="У Львові відкрили новий центр для переселенців", date="2022-12-10",
              author="Оксана Мельник", site="Львівський вісник", url="https://lviv-visnyk.example/news/2022/12/10/centr"),
    body=[
        *nav("Головна", "Новини", "Політика", "Економіка", "Суспільство", "Спорт", "Блоги"),
        (1, "headline", "h1", "У Львові відкрили новий центр для переселенців"),
        (0, "byline", "div", "Автор: Оксана Мельник"),
        (0, "date", "div", "10.12.2022, 11:20"),
        p("У суботу у Львові відкрили новий центр допомоги для внутрішньо переміщених осіб, розрахований на 300 місць, повідомили в міській раді."),
        p("«Ми бачимо, що люди приїжджають і зараз, тому нам потрібні додаткові місця», — сказав міський голова Андрій Садовий під час відкриття."),
        p("За його словами, центр працюватиме цілодобово, а в приміщенні є кухня, дитяча кімната та пункт медичної допомоги."),
        p("— Ми розраховуємо на підтримку волонтерів і міжнародних організацій, — зазначила директорка центру Наталія Коваль."),
        cap("Фото: Львівська міська рада"),
        p("Від початку повномасштабного вторгнення до Львова прибули сотні тисяч людей, частина з них залишилася в місті."),
        *junk("Читайте також", "Ціни на хліб зросли на 10%", "Підписуйтесь на наш Telegram-канал",
              "Коментарі", "Усі права захищено © 2022"),
    ],
))

PAGES.append(dict(
    id="pl_news", lang="pl",
    meta=dict(title="Rząd zapowiada nowe przepisy dotyczące najmu mieszkań", date="2023-03-15",
              author="Katarzyna Nowak", site="Wiadomości Dnia", url="https://wiadomosci-dnia.example/kraj/2023/03/15/najem"),
    body=[
        *nav("Strona główna", "Kraj", "Świat", "Biznes", "Sport", "Kultura", "Zaloguj się"),
        (0, "junk", "div", "Reklama"),
        (1, "headline", "h1", "Rząd zapowiada nowe przepisy dotyczące najmu mieszkań"),
        (0, "byline", "div", "Katarzyna Nowak"),
        (0, "date", "div", "15.03.2023, 10:42"),
        p("Ministerstwo Rozwoju przedstawiło w środę projekt ustawy, który ma ograniczyć podwyżki czynszów w dużych miastach, m.in. w Warszawie i Krakowie."),
        p("„Chcemy, aby najemcy mieli większą pewność co do kosztów mieszkania” – powiedział wiceminister Piotr Zieliński na konferencji prasowej."),
        p("Projekt przewiduje m.in. obowiązek zawierania umów na co najmniej rok oraz limit podwyżek do wysokości inflacji, tj. ok. 16 proc. w ubiegłym roku."),
        p("Organizacje właścicieli mieszkań skrytykowały pomysł. Ich zdaniem nowe przepisy zmniejszą liczbę ofert na rynku."),
        (0, "junk", "div", "Reklama"),
        p("Projekt trafi teraz do konsultacji społecznych, które potrwają 30 dni."),
        *junk("Czytaj także", "Ceny mieszkań w lutym. Nowe dane GUS", "Zobacz również", "Komentarze",
              "Zapisz się do newslettera", "© 2023 Wiadomości Dnia. Wszelkie prawa zastrzeżone."),
    ],
))

PAGES.append(dict(
    id="de_news", lang="de",
    meta=dict(title="Bahn kündigt neue Verbindungen nach Prag an", date="2023-10-31",
              author="Michael Braun", site="Rheinische Rundschau", url="https://rheinische-rundschau.example/wirtschaft/bahn-prag-100.html"),
    body=[
        *nav("Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Panorama", "Anmelden", "Abo"),
        (0, "breadcrumb", "div", "Startseite > Wirtschaft > Verkehr"),
        (1, "headline", "h1", "Bahn kündigt neue Verbindungen nach Prag an"),
        (0, "date", "div", "Stand: 31.10.2023 16:05 Uhr"),
        (0, "byline", "div", "Von Michael Braun"),
        (1, "standfirst", "p", "Ab Dezember fahren täglich vier zusätzliche Züge zwischen Berlin und Prag, z. B. am frühen Morgen und am späten Abend"),
        p("Die Deutsche Bahn will ihr Angebot nach Tschechien deutlich ausbauen. Ab dem Fahrplanwechsel im Dezember sollen täglich vier zusätzliche Züge zwischen Berlin und Prag fahren, teilte das Unternehmen am Dienstag mit."),
        p("„Die Nachfrage nach Verbindungen in unsere Nachbarländer ist so hoch wie nie“, sagte Bahn-Vorstand Michael Peterson. Die Fahrzeit soll langfristig auf unter vier Stunden sinken."),
        cap("Ein Zug auf der Strecke bei Dresden. Foto: dpa"),
        p("Umweltverbände begrüßten die Pläne, forderten aber günstigere Ticketpreise. Derzeit kostet eine einfache Fahrt im Durchschnitt rund 50 Euro."),
        p("Auch auf der Strecke München–Prag soll es ab 2024 mehr Verbindungen geben, u. a. durch neue Fahrzeuge."),
        *junk("Mehr zum Thema", "Deutschlandticket: Was sich 2024 ändert", "Newsletter abonnieren",
              "Kommentare", "Impressum", "Datenschutz", "© Rheinische Rundschau 2023"),
    ],
))

PAGES.append(dict(
    id="be_news", lang="be",
    meta=dict(title="У Гродне адкрылі выставу беларускага мастацтва", date="2021-05-20",
              author="Алесь Кавалёў", site="Гродзенскія навіны", url="https://grodna-naviny.example/kultura/2021/05/20/vystava"),
    body=[
        *nav("Галоўная", "Навіны", "Культура", "Грамадства", "Спорт", "Кантакты"),
        (0, "date", "div", "20.05.2021"),
        (1, "headline", "h1", "У Гродне адкрылі выставу беларускага мастацтва"),
        (0, "byline", "div", "Алесь Кавалёў"),
        p("У чацвер у абласным музеі Гродна адкрылася выстава, на якой прадстаўлена больш за 150 карцін беларускіх мастакоў XIX–XX ст."),
        p("«Гэта першая выстава такога маштабу ў горадзе за апошнія дзесяць гадоў», — сказала дырэктар музея Ганна Сідарэвіч."),
        p("Паводле яе слоў, частка работ раней захоўвалася ў фондах і ніколі не выстаўлялася, г. зн. наведвальнікі ўбачаць іх упершыню."),
        cap("Фота: Гродзенскі абласны музей"),
        p("Выстава будзе працаваць да канца жніўня, уваход для школьнікаў бясплатны."),
        *junk("Чытайце таксама", "У Лідзе адрамантуюць замак", "Падпісвайцеся на наш канал", "© 2021 Гродзенскія навіны"),
    ],
))

PAGES.append(dict(
    id="fr_news", lang="fr",
    meta=dict(title="Grève dans les transports : le trafic fortement perturbé jeudi", date="2023-01-18",
              author="Claire Dubois", site="Le Quotidien Régional", url="https://quotidien-regional.example/societe/2023/01/18/greve-transports"),
    body=[
        *nav("Accueil", "Politique", "Économie", "Société", "Sport", "Culture", "Se connecter", "S'abonner"),
        (1, "headline", "h1", "Grève dans les transports : le trafic fortement perturbé jeudi"),
        (0, "byline", "div", "Par Claire Dubois"),
        (0, "date", "div", "Publié le 18 janvier 2023 à 19h30, mis à jour le 19 janvier 2023 à 07h12"),
        p("La circulation des trains et des métros sera très perturbée jeudi en raison de la grève contre la réforme des retraites, a annoncé mercredi la direction de la SNCF."),
        p("« Nous prévoyons un TGV sur trois et un TER sur dix en moyenne », a déclaré M. Dupont, directeur des opérations, lors d'une conférence de presse."),
        (0, "junk", "div", "Publicité"),
        p("À Paris, la RATP prévoit un trafic « extrêmement perturbé » sur la plupart des lignes de métro, dont certaines seront fermées."),
        p("Les syndicats espèrent une mobilisation plus forte que lors des précédentes journées d'action, notamment dans le secteur de l'éducation."),
        *junk("À lire aussi", "Réforme des retraites : ce qui change pour vous", "Newsletter", "Recevez chaque matin l'essentiel de l'actualité",
              "Commentaires", "© Le Quotidien Régional 2023"),
    ],
))

PAGES.append(dict(
    id="es_news", lang="es",
    meta=dict(title="Madrid amplía la zona de bajas emisiones a toda la ciudad", date="2022-01-05",
              author="Lucía Martín", site="Diario del Centro", url="https://diariodelcentro.example/madrid/2022/01/05/zona-bajas-emisiones"),
    body=[
        *nav("Portada", "España", "Internacional", "Economía", "Deportes", "Cultura", "Suscríbete"),
        (1, "headline", "h1", "Madrid amplía la zona de bajas emisiones a toda la ciudad"),
        (0, "byline", "div", "Lucía Martín"),
        (0, "date", "div", "05/01/2022 - 12:48h"),
        p("El Ayuntamiento de Madrid ha ampliado este miércoles la zona de bajas emisiones a todo el término municipal, lo que impedirá la circulación de los vehículos más contaminantes sin etiqueta ambiental."),
        p("«Es una medida necesaria para cumplir con los límites de calidad del aire que marca la Unión Europea», ha declarado el delegado de Medio Ambiente, Borja Carabante."),
        p("La Sra. García, portavoz de una asociación de vecinos, criticó que la medida afecte sobre todo a quienes no pueden comprar un coche nuevo."),
        (0, "junk", "div", "Publicidad"),
        p("Las multas por incumplir la norma serán de 200 euros, aunque durante el primer año solo se aplicarán avisos informativos."),
        *junk("Te puede interesar", "El precio de la luz bate un nuevo récord", "Lo más leído", "Comentarios",
              "Recibe nuestro boletín", "© Diario del Centro 2022. Todos los derechos reservados."),
    ],
))
