"""Third batch of English fresh pages (session 3), written and labelled after the second batch's rules
were made and before any rule ran on these: a held-out check of those rules.

Kinds: an advice column (letter and answer), a government page with a table of contents, a travel
guide with practical details, a long read with a drop cap and a pull quote, university news with a
media-contact box, a court report with a police appeal, a book excerpt with its permission note,
software release notes, an explainer with an editor's note and a key-facts box, a sports preview.
Each block is (label, kind, tag, text); label 1 = article content.
"""

from __future__ import annotations

from specs_en import cap, h2, junk, li, nav, p

PAGES: list[dict] = []

PAGES.append(dict(
    id="en3_advice_column", lang="en",
    meta=dict(title="Dear Maggie: My sister wants me to pay for her wedding", date="2022-09-14",
              author="Maggie Hart", site="Valley Courier", url="https://valleycourier.example/life/dear-maggie-sister-wedding"),
    body=[
        *nav("News", "Sports", "Life", "Advice", "Puzzles", "Obituaries", "Subscribe"),
        (1, "headline", "h1", "Dear Maggie: My sister wants me to pay for her wedding"),
        (0, "byline", "div", "Maggie Hart"),
        (0, "date", "div", "Sep 14, 2022"),
        p("DEAR MAGGIE: My younger sister is getting married next summer. Our parents cannot help, so she has asked me to cover the reception, which will cost about $12,000."),
        p("I earn a good salary, but I am saving for a house. When I hesitated, she said I was selfish and that she would have done the same for me. Am I wrong to say no?"),
        p("— SQUEEZED IN SPOKANE"),
        p("DEAR SQUEEZED: You are not wrong. A wedding is a gift you may choose to give, not a debt you owe."),
        p("Tell your sister what you can offer, whether that is a smaller amount or help with the planning, and say it kindly but clearly. If she loves you, she will come round."),
        (0, "submit", "p", "Send your questions to Maggie Hart at dearmaggie@valleycourier.example or write to P.O. Box 100, Spokane, WA 99201."),
        (0, "bio", "p", "Maggie Hart has written the Dear Maggie column since 2009."),
        *junk("More Dear Maggie", "My boss keeps calling me on weekends", "Popular in Life", "© 2022 Valley Courier"),
    ],
))

PAGES.append(dict(
    id="en3_gov_page_toc", lang="en",
    meta=dict(title="Changes to passport fees from 1 April", date="2024-03-01",
              author="Passport Office", site="GOV Portal", url="https://gov.example/government/news/passport-fees-april"),
    body=[
        *junk("Skip to main content", "Cookies on GOV Portal", "We use some essential cookies to make this service work.", "Accept additional cookies", "Reject additional cookies"),
        *nav("Home", "Passports, travel and living abroad", "Passports"),
        (0, "type", "div", "Press release"),
        (1, "headline", "h1", "Changes to passport fees from 1 April"),
        (1, "standfirst", "p class=lede", "Fees for standard adult and child passports will rise to cover the cost of processing applications"),
        (0, "from", "div", "From: Passport Office"),
        (0, "date", "div", "Published 1 March 2024"),
        (0, "toc", "div", "Contents"),
        (0, "toc", "li", "New fees"),
        (0, "toc", "li", "Applying from abroad"),
        (0, "toc", "li", "Further information"),
        p("The fee for a standard adult passport applied for online will rise from £82.50 to £88.50 on 1 April, the Passport Office has announced."),
        p("The increase will help the office keep processing times low and invest in its digital services, a spokesperson said."),
        h2("New fees"),
        li("Adult passport applied for online: £88.50"),
        li("Child passport applied for online: £57.50"),
        li("Adult passport applied for by post: £100"),
        h2("Applying from abroad"),
        p("Customers applying from overseas will pay £101 online. Courier fees for returning documents are unchanged."),
        h2("Further information"),
        p("Applications submitted before 1 April will be charged at the current rate, even if they are processed afterwards."),
        (0, "share", "div", "Share this page"),
        *junk("Is this page useful?", "Maybe", "Yes this page is useful", "No this page is not useful", "Report a problem with this page",
              "Help", "Privacy", "Cookies", "Accessibility statement", "All content is available under the Open Government Licence v3.0, except where otherwise stated"),
    ],
))

PAGES.append(dict(
    id="en3_travel_guide", lang="en",
    meta=dict(title="A weekend in Ljubljana: castles, cafés and a river that never hurries", date="2023-06-02",
              author="Clara Voss", site="Wander Weekly", url="https://wanderweekly.example/europe/slovenia/ljubljana-weekend"),
    body=[
        *nav("Destinations", "Europe", "City breaks", "Travel tips", "Competitions", "Newsletter"),
        (1, "headline", "h1", "A weekend in Ljubljana: castles, cafés and a river that never hurries"),
        (0, "byline", "div", "Words and photographs by Clara Voss"),
        (0, "date", "div", "2 June 2023"),
        (0, "disclosure", "p", "Clara travelled as a guest of the Ljubljana Tourist Board."),
        cap("Triple Bridge at dusk. Photograph: Clara Voss"),
        p("Slovenia's capital is small enough to cross on foot in half an hour, and most of its old town is closed to cars, which gives it the feel of a much larger village."),
        p("Start at the Triple Bridge, where three footbridges fan out across the Ljubljanica river, and walk up to the castle for a view of the Alps on a clear morning."),
        h2("Where to eat"),
        p("The Friday food market in Pogačar Square runs from spring to autumn and is the best way to try local dishes, from buckwheat dumplings to grilled trout."),
        h2("Where to stay"),
        p("Vander Urbani Resort is a design hotel by the river with a rooftop pool; doubles from €160 a night."),
        h2("Getting there"),
        li("Fly to Ljubljana Jože Pučnik Airport; a shuttle to the centre takes 30 minutes and costs €10."),
        li("Trains from Vienna take about six hours."),
        (0, "newsletter", "div", "Get our best travel deals in your inbox every week. Sign up now"),
        (0, "comp", "div", "WIN a two-night break in Slovenia: enter our competition"),
        *junk("More city breaks", "48 hours in Porto", "Why Tallinn is the Baltic's coolest capital", "© Wander Weekly 2023"),
    ],
))

PAGES.append(dict(
    id="en3_long_read_dropcap", lang="en",
    meta=dict(title="The last lighthouse keeper", date="2021-11-20",
              author="Owen Prichard", site="The Long Form", url="https://thelongform.example/2021/11/last-lighthouse-keeper"),
    body=[
        *nav("Features", "Long reads", "Photography", "Podcasts", "Shop", "Support us"),
        (0, "kicker", "div", "The long read"),
        (1, "headline", "h1", "The last lighthouse keeper"),
        (1, "standfirst", "p class=standfirst", "For 41 years Dafydd Rees kept the light on a rock off the Welsh coast. Then a computer took his job"),
        (0, "byline", "div", "by Owen Prichard"),
        (0, "date", "div", "Sat 20 Nov 2021 06.00 GMT"),
        p("The first time Dafydd Rees saw the lighthouse he was nine years old, standing on the harbour wall with his father, who pointed across the water and said that a man lived out there alone."),
        p("Twenty years later he was that man. He arrived on the rock in 1961 with a suitcase, a radio and a box of books, and he would not leave for good until 2002."),
        (0, "pullquote", "blockquote", "‘The sea never sleeps, so neither did we’"),
        p("The work was relentless. The lamp had to be lit at dusk and checked every hour, the glass cleaned of salt, the fog signal sounded whenever visibility dropped below three miles."),
        p("“The sea never sleeps, so neither did we,” he says, sitting in the kitchen of the cottage where he now lives, a mile inland. “You learned to sleep in pieces.”"),
        h2("Automation"),
        p("In the 1990s the lighthouse authority began replacing keepers with automatic systems controlled from the mainland. Rees's rock was among the last to be converted."),
        p("He remembers the day the engineers arrived. He made them tea, showed them the lamp room, and then went down to the landing stage to wait for the boat."),
        (0, "support", "div", "This is what we do. We are funded by readers. If you value long-form journalism, support us from £1."),
        (0, "follow", "div", "Follow the Long Form on Twitter at @thelongform"),
        *junk("Most viewed", "The town that banned cars", "Inside the world's largest seed vault", "© 2021 The Long Form Ltd"),
    ],
))

PAGES.append(dict(
    id="en3_university_news", lang="en",
    meta=dict(title="New antibiotic found in soil bacteria kills drug-resistant infections in mice", date="2024-10-08",
              author="Rachel Ng", site="University of Westbrook", url="https://westbrook.example/news/2024/10/new-antibiotic-soil-bacteria"),
    body=[
        *nav("Study", "Research", "Campus life", "News and events", "About", "Contact", "Search"),
        *junk("Home / News / Science"),
        (1, "headline", "h1", "New antibiotic found in soil bacteria kills drug-resistant infections in mice"),
        (0, "date", "div", "8 October 2024"),
        (0, "tags", "div", "Topics: Medicine, Microbiology, Research"),
        p("Researchers at the University of Westbrook have identified a new antibiotic produced by bacteria living in garden soil that cleared drug-resistant infections in mice."),
        p("The compound, which the team has named westbrookin, kills bacteria by damaging their outer membrane, a mechanism that makes resistance harder to develop."),
        p("\"We screened more than 10,000 soil samples collected by volunteers across the country,\" said Professor Ayo Bankole, who led the study. \"This is the first one that worked this well.\""),
        p("The findings are published today in the journal Nature Microbiology. Human trials are at least five years away, the researchers cautioned."),
        p("The study was funded by the Medical Research Council and the Wellcome Trust."),
        (0, "contact", "h2", "Media contact"),
        (0, "contact", "p", "Rachel Ng, Press Office, press@westbrook.example, +44 20 7946 0000"),
        (0, "related", "h2", "Related people"),
        (0, "related", "li", "Professor Ayo Bankole"),
        (0, "related", "li", "Dr Sarah Lindqvist"),
        *junk("Share this story", "Latest news", "Westbrook joins European research network", "University of Westbrook is a registered charity"),
    ],
))

PAGES.append(dict(
    id="en3_court_report", lang="en",
    meta=dict(title="Delivery driver jailed for causing death of cyclist while using phone", date="2023-02-17",
              author="Liam Dwyer", site="Midland Gazette", url="https://midlandgazette.example/news/crime/delivery-driver-jailed"),
    body=[
        *nav("News", "Crime", "Courts", "Sport", "Business", "What's On", "Jobs", "Homes"),
        (1, "headline", "h1", "Delivery driver jailed for causing death of cyclist while using phone"),
        (1, "standfirst", "p class=standfirst", "Judge says the driver was scrolling through social media seconds before the crash"),
        (0, "byline", "div", "Liam Dwyer Court Reporter"),
        (0, "date", "div", "17:44, 17 FEB 2023"),
        cap("Mark Hollis, 34, was jailed for six years (Image: West Midlands Police)"),
        p("A delivery driver who was looking at his phone when he hit and killed a cyclist has been jailed for six years."),
        p("Mark Hollis, 34, of Oak Road, Walsall, admitted causing death by dangerous driving at Wolverhampton Crown Court on Friday."),
        p("The court heard that Hollis was scrolling through a social media app when his van struck Peter Okoro, 52, on the A454 in May last year. Mr Okoro died at the scene."),
        p("Judge Helen Carr told Hollis: \"You chose to look at your phone rather than the road, and a man lost his life because of that choice.\""),
        p("Hollis was also banned from driving for eight years."),
        p("Sergeant Dan Price, of West Midlands Police, said: \"Anyone with information about dangerous driving should report it to us on 101.\""),
        (0, "cta", "div", "Do you have a story for us? Contact our newsdesk at news@midlandgazette.example"),
        *junk("Get the latest court news", "Sign up to our free crime newsletter", "Most Read", "Man arrested after Walsall stabbing", "Reach plc ©2023"),
    ],
))

PAGES.append(dict(
    id="en3_book_excerpt", lang="en",
    meta=dict(title="Read an excerpt from ‘The Salt Roads’, a history of the spice trade", date="2020-05-06",
              author="Imogen Carr", site="Book Notes", url="https://booknotes.example/excerpts/the-salt-roads"),
    body=[
        *nav("Books", "Reviews", "Excerpts", "Authors", "Bestsellers", "Events"),
        (1, "headline", "h1", "Read an excerpt from ‘The Salt Roads’, a history of the spice trade"),
        (0, "date", "div", "May 6, 2020"),
        (1, "paragraph", "p", "In her new book, historian Imogen Carr follows pepper, cloves and cinnamon from the islands where they grew to the tables of Europe. In this excerpt, she describes the port of Calicut in 1498."),
        (0, "buy", "div", "Buy the book: Amazon | Bookshop | Waterstones"),
        p("The ships came in on the morning tide, their sails patched and grey after ten months at sea, and the men on deck could smell the city before they could see it."),
        p("Calicut was the richest port on the Malabar coast. Its markets sold pepper by the sackful, and its merchants had traded with Cairo, Aden and Canton for centuries before any European arrived."),
        p("The Portuguese captain, Vasco da Gama, had brought gifts for the ruler: striped cloth, hats, coral and a few basins of washing water. The ruler's officials laughed at them."),
        (0, "permission", "p", "Excerpted from The Salt Roads by Imogen Carr. Copyright © 2020 by Imogen Carr. Reprinted by permission of Harbour Press. All rights reserved."),
        (0, "bio", "p", "Imogen Carr is a historian at the University of Leeds and the author of three books on maritime trade."),
        *junk("More excerpts", "Read the first chapter of ‘Winter Orchard’", "Book Notes newsletter", "Privacy", "Terms"),
    ],
))

PAGES.append(dict(
    id="en3_release_notes", lang="en",
    meta=dict(title="Tidyflow 4.2 released with offline mode and faster sync", date="2024-04-18",
              author="Tidyflow Team", site="Tidyflow Blog", url="https://tidyflow.example/blog/tidyflow-4-2"),
    body=[
        *nav("Product", "Pricing", "Docs", "Blog", "Log in", "Start free trial"),
        (1, "headline", "h1", "Tidyflow 4.2 released with offline mode and faster sync"),
        (0, "byline", "div", "Tidyflow Team · April 18, 2024 · 3 min read"),
        p("Today we are releasing Tidyflow 4.2, our biggest update this year. It is rolling out to all users over the next few days."),
        h2("Offline mode"),
        p("You can now keep working on your boards without a connection. Changes are saved on your device and synced when you are back online."),
        h2("What's new"),
        li("Sync is up to three times faster on large boards"),
        li("Dark mode now follows your system setting"),
        li("Attachments up to 250 MB"),
        h2("Fixes"),
        li("Fixed a crash when renaming a board with emoji in its name"),
        li("Due dates no longer shift by a day in some time zones"),
        p("Thanks to everyone who reported bugs in the beta. Tell us what you think on our community forum."),
        (0, "cta", "div", "Try Tidyflow free for 14 days. No credit card required."),
        *junk("Related posts", "How we rebuilt sync", "Tidyflow 4.1: templates", "© 2024 Tidyflow Inc.", "Status", "Security"),
    ],
))

PAGES.append(dict(
    id="en3_explainer_keyfacts", lang="en",
    meta=dict(title="What is the jet stream, and why is it making our summer so wet?", date="2023-07-19",
              author="Priya Shah", site="Daily Record Online", url="https://dailyrecord.example/weather/jet-stream-explained"),
    body=[
        *nav("News", "Weather", "Science", "Environment", "Video"),
        (1, "headline", "h1", "What is the jet stream, and why is it making our summer so wet?"),
        (0, "byline", "div", "By Priya Shah, Science correspondent"),
        (0, "date", "div", "19 July 2023, 10:15"),
        (1, "paragraph", "p", "Editor's note: This article was updated on 20 July with the Met Office's latest forecast."),
        p("If you have wondered why July has felt more like October, the answer lies about 10 kilometres above your head, in a fast-moving ribbon of air called the jet stream."),
        p("The jet stream steers weather systems across the Atlantic. When it sits south of the UK, as it has for most of this month, it drags a conveyor belt of low-pressure systems and rain over the country."),
        (1, "heading", "h3", "Key facts"),
        li("The jet stream blows at up to 200 mph"),
        li("It usually sits north of the UK in summer"),
        li("A southerly position brings cooler, wetter weather"),
        p("Forecasters expect the jet stream to move north again in early August, which should bring warmer and drier conditions, at least for a while."),
        (0, "video", "div", "Watch: How the jet stream works (2:14)"),
        (0, "ad", "div", "Advertisement"),
        *junk("Read more", "Heatwave warning for southern Europe", "Weather forecast for the week ahead", "Daily Record Online © 2023"),
    ],
))

PAGES.append(dict(
    id="en3_sports_preview", lang="en",
    meta=dict(title="Cup final preview: Can Harbour Town stop the league champions?", date="2025-05-16",
              author="Jamie Cole", site="Coastline Sport", url="https://coastlinesport.example/football/cup-final-preview"),
    body=[
        *nav("Football", "Rugby", "Cricket", "Results", "Fixtures", "Live scores", "Podcast"),
        (1, "headline", "h1", "Cup final preview: Can Harbour Town stop the league champions?"),
        (0, "byline", "div", "Jamie Cole"),
        (0, "date", "div", "Friday 16 May 2025 18:30"),
        p("Harbour Town have not won a trophy since 1987, and on Saturday they face the team that has won everything this season."),
        p("City finished the league 14 points clear and have lost only twice in all competitions, but both of those defeats came on the road against sides who sat deep and countered."),
        h2("Team news"),
        p("Town captain Lewis Aldridge has recovered from a hamstring strain and is expected to start. City will be without winger Marco Silva, who is suspended."),
        h2("Key battle"),
        p("Town's young centre-back Kofi Mensah against City's top scorer, Erik Lund, who has 31 goals this season."),
        h2("Our prediction"),
        p("City to win 2-1, but do not be surprised if Town take it to extra time."),
        (0, "match", "div", "Kick-off: 3pm, Saturday. TV: Sport One, from 1.30pm"),
        (0, "odds", "div", "Odds: City 8/13, Draw 3/1, Town 9/2. 18+ BeGambleAware.org"),
        *junk("Cup final: as it happened", "Latest football", "Fixtures", "Results", "Tables", "© Coastline Sport"),
    ],
))
