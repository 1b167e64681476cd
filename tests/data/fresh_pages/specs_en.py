"""English fresh pages: each block is (label, kind, tag, text); label 1 = article content."""

from __future__ import annotations

B = tuple[int, str, str, str]


def nav(*items: str) -> list[B]:
    return [(0, "nav", "li", t) for t in items]


def junk(*items: str) -> list[B]:
    return [(0, "junk", "div", t) for t in items]


def p(text: str) -> B:
    return (1, "paragraph", "p", text)


def h2(text: str) -> B:
    return (1, "heading", "h2", text)


def li(text: str) -> B:
    return (1, "list item", "li", text)


def cap(text: str) -> B:
    return (0, "caption", "figcaption", text)


PAGES: list[dict] = []

PAGES.append(dict(
    id="en_news_floods", lang="en",
    meta=dict(title="River breaches defences as storm batters northern towns", date="2024-02-11",
              author="Helen Marsh", site="The Northern Ledger", url="https://northernledger.example/news/2024/02/11/river-breaches-defences"),
    body=[
        *nav("Skip to content", "News", "Sport", "Business", "Opinion", "Culture", "Lifestyle", "Sign in", "Subscribe"),
        *junk("Advertisement", "Most read", "1. Council tax to rise by 4.9% in April", "2. Man charged after crash on ring road",
              "3. Five things to do this half-term", "Home > News > Weather"),
        (1, "headline", "h1", "River breaches defences as storm batters northern towns"),
        (1, "standfirst", "p class=standfirst", "Hundreds of homes evacuated overnight as water levels reach a 40-year high and more rain is forecast for Monday"),
        (0, "byline", "div", "By Helen Marsh, Environment correspondent"),
        (0, "date", "time", "Sunday 11 February 2024 08:15 GMT"),
        (0, "share", "div", "Share this article: River breaches defences as storm batters northern towns"),
        cap("Firefighters help residents leave a flooded street in Hexley on Saturday night. Photograph: Tom Riley/PA"),
        p("Flood defences on the River Calder gave way shortly before midnight on Saturday, sending water into more than 300 homes in Hexley and neighbouring villages, the Environment Agency said."),
        p("Emergency services used boats to reach residents trapped on upper floors, and a rest centre was opened at the town's leisure centre, where about 120 people spent the night."),
        (0, "ad", "div", "Advertisement"),
        p("“We have never seen the river this high in my lifetime,” said Margaret Oyelaran, 67, who was rescued from her bungalow with her two dogs. “It came up through the floorboards in minutes.”"),
        p("The agency said the river peaked at 5.2 metres at the Hexley gauge, the highest level since records began in 1984, after more than a month's rain fell in 36 hours."),
        h2("Questions over defences"),
        p("The embankment that failed was repaired in 2019 at a cost of £3.4m. Local councillor David Price said residents had warned for years that the work did not go far enough."),
        p("A spokesperson for the Environment Agency said an inspection would take place once the water had receded, and that the defences had protected thousands of homes during previous storms."),
        (0, "newsletter", "div", "Sign up to our daily newsletter for the latest news from across the north, delivered to your inbox every morning."),
        p("The Met Office has issued an amber warning for rain covering much of the region until 6pm on Monday, with a further 40mm to 60mm expected on high ground."),
        p("Rail operators cancelled services between Hexley and Brinford, and several roads, including a stretch of the A629, remained closed on Sunday morning."),
        (0, "bio", "div", "Helen Marsh is the Ledger's environment correspondent. She has covered flooding and climate policy since 2012."),
        (0, "junk", "div", "Write to Helen Marsh at helen.marsh@northernledger.example"),
        *junk("Related", "Flood warnings: what they mean and what to do", "Insurers face record claims after winter storms",
              "Topics", "Flooding", "Weather", "More On:", "Storm Isha", "Comments", "Most popular",
              "© 2024 The Northern Ledger. All rights reserved.", "Privacy policy", "Cookie settings", "Terms"),
    ],
))

PAGES.append(dict(
    id="en_wire_reuters_style", lang="en",
    meta=dict(title="Ukraine says it downed 20 drones over Kyiv region overnight", date="2023-11-18",
              author="Olena Harmash and Tom Balmforth", site="Wire Service", url="https://wire.example/world/europe/ukraine-drones-2023-11-18/"),
    body=[
        *nav("World", "Business", "Markets", "Sustainability", "Legal", "Breakingviews", "Technology", "Investigations", "My News", "Register"),
        *junk("Europe", "November 18, 2023 9:41 AM UTC", "Updated November 18, 2023 11:02 AM UTC"),
        (1, "headline", "h1", "Ukraine says it downed 20 drones over Kyiv region overnight"),
        (0, "byline", "div", "By Olena Harmash and Tom Balmforth"),
        (0, "time", "div", "2 min read"),
        p("KYIV, Nov 18 (Reuters) - Ukraine's air defences destroyed 20 of 29 Iranian-made drones launched by Russia overnight, most of them over the Kyiv region, the Ukrainian air force said on Saturday."),
        p("Debris from a downed drone damaged the roof of a school in a village outside the capital, regional governor Ruslan Kravchenko said on Telegram. No casualties were reported."),
        p("Russia has stepped up drone attacks on Ukraine's energy infrastructure in recent weeks, and Kyiv has warned that Moscow could try to repeat last winter's campaign against the power grid."),
        p("\"The enemy is accumulating missiles for massive strikes,\" air force spokesman Yuriy Ihnat told national television. He said Ukraine needed more air defence systems from its Western partners."),
        p("Russia's defence ministry said its forces had shot down two Ukrainian drones over the Bryansk region, which borders Ukraine. Reuters could not independently verify either side's battlefield reports."),
        (0, "credits", "p", "Reporting by Olena Harmash and Tom Balmforth; Editing by Frances Kerry"),
        (0, "standards", "p", "Our Standards: The Thomson Reuters Trust Principles."),
        *junk("Read Next", "Europe", "Poland's Tusk sworn in as prime minister", "Europe", "Germany's budget crisis: what you need to know",
              "Read the original article.", "Acquire Licensing Rights", "All quotes delayed a minimum of 15 minutes."),
    ],
))

PAGES.append(dict(
    id="en_factcheck_snopes_style", lang="en",
    meta=dict(title="Did a Pharmacy Chain Stop Selling Cough Medicine to Under-25s?", date="2023-03-09",
              author="Jordan Ellis", site="FactFile", url="https://factfile.example/fact-check/pharmacy-cough-medicine-under-25/"),
    body=[
        *nav("Latest", "Fact Checks", "News", "Archive", "Collections", "Ratings", "Membership", "Log In"),
        *junk("Fact Checks", "Health", "Sources"),
        (1, "headline", "h1", "Did a Pharmacy Chain Stop Selling Cough Medicine to Under-25s?"),
        (1, "standfirst", "p", "A viral post claimed a national chain had quietly raised the age limit on common cold remedies"),
        (0, "byline", "div", "Jordan Ellis"),
        (0, "date", "div", "Published March 9, 2023"),
        (1, "factcheck", "div", "Claim: MedPlus pharmacies stopped selling cough medicine to customers under 25 years old in March 2023."),
        (1, "factcheck", "div", "Rating: False"),
        (0, "junk", "div", "About this rating"),
        p("In early March 2023, a post shared more than 40,000 times on Facebook claimed that the pharmacy chain MedPlus had \"quietly\" banned sales of all cough medicine to anyone under the age of 25."),
        p("The post included a photograph of a handwritten sign taped to a shop counter. It did not name the store's location."),
        p("We contacted MedPlus, which said no such policy existed. \"Our age restrictions follow national guidance and apply only to products containing dextromethorphan, which we do not sell to customers under 16,\" a company spokesperson said by email."),
        p("The national pharmacy regulator told us there had been no change to the rules on over-the-counter cough remedies since 2019."),
        p("Because the company denied the policy and no evidence of it was found, we rate this claim as false."),
        (0, "junk", "div", "Sources:"),
        (0, "junk", "li", "\"Over-the-counter medicines: age restrictions.\" National Pharmacy Regulator, 12 Jan. 2019."),
        (0, "junk", "li", "Email from MedPlus spokesperson, 8 March 2023."),
        (0, "bio", "div", "Jordan Ellis is a fact-checker based in Chicago. He previously worked as a health reporter for regional newspapers."),
        *junk("Related Fact Checks", "Did Drinking Hot Water Cure a Cold in 24 Hours?", "Are Pharmacies Banning Vitamin Sales?",
              "Subscribe to our newsletter", "Get the latest fact checks in your inbox.", "© 1995 - 2023 by FactFile Media, LLC"),
    ],
))

PAGES.append(dict(
    id="en_factcheck_politifact_style", lang="en",
    meta=dict(title="No, the state did not cut school funding by 30% last year", date="2022-10-04",
              author="Priya Raman", site="TruthMeter", url="https://truthmeter.example/factchecks/2022/oct/04/school-funding-cut/"),
    body=[
        *nav("Home", "Fact-checks", "Promises", "Personalities", "Issues", "Truth-O-Meter", "Donate"),
        *junk("Education", "State Budget"),
        (0, "claimant", "div", "Greg Holloway"),
        (0, "claimant", "div", "stated on September 28, 2022 in a campaign ad:"),
        (1, "factcheck", "div", "\"The governor cut school funding by 30% last year.\""),
        (1, "factcheck", "div", "Rating: False"),
        (1, "headline", "h1", "No, the state did not cut school funding by 30% last year"),
        (0, "byline", "div", "By Priya Raman"),
        (0, "date", "div", "October 4, 2022"),
        (0, "share", "div", "Share this fact-check: No, the state did not cut school funding by 30% last year"),
        h2("If Your Time is short"),
        li("State spending on K-12 schools rose by about 3% in the 2021-22 budget, according to the legislature's budget office."),
        li("The 30% figure refers to a one-time federal relief fund that expired, not to state funding."),
        p("In a campaign ad that began airing on Sept. 28, Republican candidate Greg Holloway said the governor \"cut school funding by 30% last year.\""),
        p("Holloway's campaign pointed us to a chart showing total education spending fell from $14.1 billion to $9.9 billion between two fiscal years."),
        p("But the larger figure included $4.6 billion in federal pandemic relief that was always meant to end. State general fund spending on schools grew from $8.7 billion to $8.96 billion, the budget office said."),
        h2("Our ruling"),
        p("Holloway said the governor cut school funding by 30% last year. The drop he cites comes from the end of temporary federal money, while state funding rose. We rate this claim False."),
        (0, "junk", "div", "Our Sources"),
        (0, "junk", "li", "Legislative Budget Office, K-12 funding summary, accessed Oct. 2, 2022"),
        (0, "junk", "li", "Interview, Holloway campaign spokesperson, Sept. 30, 2022"),
        *junk("Read About Our Process", "The Principles of the Truth-O-Meter", "Browse the Truth-O-Meter", "More by Priya Raman",
              "Donate to support our fact-checking", "Stay up to date", "Email:", "Sign me up"),
    ],
))

PAGES.append(dict(
    id="en_factcheck_polygraph_style", lang="en",
    meta=dict(title="Russia Falsely Claims U.S. Troops Smuggled Oil Out of Syria Under Cover of Night", date="2019-11-06",
              author="Marek Novak", site="Polygraph Watch", url="https://polygraphwatch.example/a/russia-syria-oil-claim/30256.html"),
    body=[
        *nav("Fact Checks", "Analysis", "Disinformation Digest", "Verdicts", "About", "RSS"),
        (1, "headline", "h1", "Russia Falsely Claims U.S. Troops Smuggled Oil Out of Syria Under Cover of Night"),
        (0, "byline", "div", "By Marek Novak"),
        (0, "date", "div", "November 06, 2019"),
        (0, "claimant", "div", "Russian Defense Ministry"),
        (0, "claimant", "div", "Spokesman Major General Igor Konashenkov"),
        (1, "factcheck", "div", "\"U.S. servicemen smuggle oil out of Syria every night under the protection of military convoys.\""),
        (0, "source", "div", "Source: Russian Defense Ministry, October 26, 2019"),
        (1, "factcheck", "div", "Verdict: Misleading"),
        p("On October 26, the Russian Defense Ministry published satellite images it said showed fuel trucks leaving Syrian oil fields under U.S. military escort."),
        p("Ministry spokesman Igor Konashenkov said the images proved that the United States was \"engaged in international state banditry.\""),
        p("That claim is misleading. Independent analysts who examined the images found that several of them dated from 2016 and had first been published by the Russian ministry three years earlier."),
        p("The Pentagon has said that U.S. forces are protecting the oil fields to keep them out of the hands of Islamic State militants, and that revenue goes to the Syrian Democratic Forces."),
        (0, "related", "div", "Related: Kremlin Media Repeats Old Claim About U.S. Bases in Syria (2015)"),
        *junk("Latest Fact Checks", "Verdict: False", "Verdict: Unsubstantiated", "Subscribe", "Follow us on Twitter",
              "Polygraph Watch is a fact-checking website. The views expressed here are not endorsed by any government."),
    ],
))

PAGES.append(dict(
    id="en_list_article", lang="en",
    meta=dict(title="The 12 best hiking trails in the Lake District", date="2021-09-19",
              author="Sam Whitaker", site="Outdoors Weekly", url="https://outdoorsweekly.example/2021/09/19/best-lake-district-hikes/"),
    body=[
        *nav("Home", "Walking", "Camping", "Gear", "Destinations", "Shop", "Newsletter"),
        (0, "breadcrumb", "div", "Home >> Destinations >> England >> Lake District"),
        (1, "headline", "h1", "The 12 best hiking trails in the Lake District"),
        (0, "byline", "div", "Sam Whitaker"),
        (0, "date", "div", "2021/09/19"),
        (0, "disclaimer", "p", "This article contains affiliate links. We may earn a commission if you buy through them, at no extra cost to you."),
        p("From gentle lakeside strolls to scrambles along knife-edge ridges, the Lake District has a walk for every level. We asked rangers, guides and readers for their favourites."),
        h2("Easy walks"),
        li("Tarn Hows circular"),
        li("Buttermere lakeside loop"),
        li("Rydal Water and the caves"),
        li("Aira Force waterfalls"),
        h2("Moderate day hikes"),
        li("Catbells from Hawes End"),
        li("Helvellyn via Swirral Edge"),
        li("Old Man of Coniston"),
        li("Loughrigg Fell"),
        h2("Serious challenges"),
        li("Scafell Pike from Wasdale"),
        li("Striding Edge"),
        li("The Fairfield Horseshoe"),
        li("Great Gable"),
        p("Whatever you choose, check the mountain forecast before you set out and carry a map and compass: phone signal is patchy on the high fells."),
        cap("Catbells at sunrise. Credit: Getty Images"),
        (0, "affiliate", "div", "See it now: Amazon"),
        (0, "affiliate", "div", "See it now: Amazon"),
        (0, "affiliate", "div", "See it now: Amazon"),
        *junk("You might also like", "The best waterproof jackets for 2021", "10 wild swimming spots in Wales",
              "Join our community of 50,000 walkers", "Outdoors Weekly is part of Leisure Media Group. © 2021"),
    ],
))

PAGES.append(dict(
    id="en_tutorial_code", lang="en",
    meta=dict(title="How to read a CSV file in Python without pandas", date="2022-05-14",
              author="Ana Costa", site="DevNotes", url="https://devnotes.example/python/read-csv-without-pandas"),
    body=[
        *nav("DevNotes", "Tutorials", "Python", "JavaScript", "Go", "About", "Search"),
        (1, "headline", "h1", "How to read a CSV file in Python without pandas"),
        (0, "byline", "div", "Ana Costa · May 14, 2022 · 6 min read"),
        p("Pandas is great, but for a small script you often do not need it. The standard library's csv module reads most files in a few lines."),
        h2("Reading rows as lists"),
        p("Open the file with newline='' so the module can handle line endings itself, then pass it to csv.reader:"),
        (1, "code", "pre", "import csv"),
        (1, "code", "pre", "with open(\"sales.csv\", newline=\"\") as f:"),
        (1, "code", "pre", "    for row in csv.reader(f):"),
        (1, "code", "pre", "        print(row)"),
        h2("Reading rows as dictionaries"),
        p("If the first line holds column names, csv.DictReader gives each row as a dictionary keyed by those names:"),
        (1, "code", "pre", "with open(\"sales.csv\", newline=\"\") as f:"),
        (1, "code", "pre", "    for row in csv.DictReader(f):"),
        (1, "code", "pre", "        total += float(row[\"amount\"])"),
        (1, "code", "pre", "# release = date(2031, 4, 1)"),
        p("Note that every value arrives as a string, so convert numbers yourself. For dates, datetime.fromisoformat handles ISO strings such as 2031-04-01."),
        h2("Summary"),
        p("For quick jobs the csv module is enough. Reach for pandas when you need grouping, joins or fast numeric work on large files."),
        (0, "bio", "div", "About the author: Ana Costa is a backend developer who writes about Python and data tooling. Follow her on Mastodon."),
        *junk("Tags:", "python", "csv", "beginner", "Previous post", "Next post", "3 Comments",
              "Mike T. says:", "May 15, 2022 at 10:12 am", "Thanks, this saved me a dependency!", "Reply",
              "Leave a Reply", "Your email address will not be published. Required fields are marked *"),
    ],
))

PAGES.append(dict(
    id="en_comment_heavy_blog", lang="en",
    meta=dict(title="Why I stopped using a smartphone for a month", date="2020-04-10",
              author="Rachel Kim", site="Slow Living Journal", url="https://slowliving.example/2020/04/stopped-using-smartphone"),
    body=[
        *nav("Home", "About", "Archive", "Contact"),
        (1, "headline", "h1", "Why I stopped using a smartphone for a month"),
        (0, "date", "div", "• 10 April 2020"),
        (0, "byline", "div", "Posted by Rachel Kim"),
        p("In March I put my phone in a drawer and bought a basic handset that can only call and text. I wanted to know whether the anxiety I felt every evening had anything to do with the screen in my hand."),
        p("The first week was hard. I reached for my pocket dozens of times a day, and I missed group chats where friends made plans. By the third week, I was reading a book a week again."),
        p("I am back on a smartphone now, but with no social media apps and notifications switched off. It is not a cure, but my evenings feel like mine again."),
        (0, "junk", "div", "Share this:"), (0, "junk", "div", "Twitter"), (0, "junk", "div", "Facebook"),
        (0, "junk", "div", "47 thoughts on “Why I stopped using a smartphone for a month”"),
        (0, "comment", "div", "Dana says:"), (0, "comment", "div", "April 10, 2020 at 9:14 pm"),
        (0, "comment", "p", "I tried this last year and lasted four days. The hardest part was not having maps when I got lost in a new city."),
        (0, "comment", "div", "Reply"),
        (0, "comment", "div", "Marcus says:"), (0, "comment", "div", "April 11, 2020 at 7:02 am"),
        (0, "comment", "p", "Great post. I think the problem is not the phone itself but the apps designed to keep you scrolling forever."),
        (0, "comment", "div", "Reply"),
        (0, "comment", "div", "Eleni says:"), (0, "comment", "div", "April 11, 2020 at 8:45 am"),
        (0, "comment", "p", "My employer requires me to use two-factor authentication on an app, so this would be impossible for me sadly."),
        (0, "comment", "div", "Reply"),
        (0, "comment", "div", "Joe P says:"), (0, "comment", "div", "April 12, 2020 at 3:30 pm"),
        (0, "comment", "p", "Did you notice any difference in how well you slept? That would be the main reason I would try it myself."),
        (0, "comment", "div", "Reply"),
        (0, "comment", "div", "Rachel Kim says:"), (0, "comment", "div", "April 12, 2020 at 6:10 pm"),
        (0, "comment", "p", "Yes, I fell asleep much faster after the first week, though that could also be the extra reading."),
        (0, "comment", "div", "Reply"),
        (0, "comment", "div", "Sophie says:"), (0, "comment", "div", "April 13, 2020 at 11:21 am"),
        (0, "comment", "p", "Bookmarking this for my new year's resolution list. Thank you for being so honest about the difficult first week."),
        (0, "comment", "div", "Reply"),
        *junk("Leave a Reply", "Your email address will not be published. Required fields are marked *", "Comment", "Name *", "Email *", "Post Comment"),
    ],
))

PAGES.append(dict(
    id="en_recipe", lang="en",
    meta=dict(title="Easy lentil soup", date="2023-10-31",
              author="Nadia Haddad", site="Kitchen Table", url="https://kitchentable.example/recipes/easy-lentil-soup"),
    body=[
        *nav("Recipes", "Dinner", "Baking", "Vegetarian", "Quick", "Videos", "Sign in"),
        (0, "breadcrumb", "div", "Home >> Recipes >> Soups"),
        (1, "headline", "h1", "Easy lentil soup"),
        (0, "byline", "div", "By Nadia Haddad"),
        (0, "date", "div", "31. October, 2023"),
        (0, "junk", "div", "Jump to recipe"), (0, "junk", "div", "Print"),
        p("This is the soup I make every week once the evenings get cold. Red lentils cook down in twenty minutes, so there is no need to soak them."),
        h2("Ingredients"),
        li("1 tbsp olive oil"), li("1 onion, chopped"), li("2 carrots, diced"), li("200g red lentils"), li("1 litre vegetable stock"), li("1 tsp ground cumin"),
        h2("Method"),
        li("Heat the oil in a large pan and fry the onion and carrots for 5 minutes until soft."),
        li("Add the cumin and cook for 1 minute, then stir in the lentils and stock."),
        li("Simmer for 20 minutes, then blend until smooth and season to taste."),
        cap("The soup keeps for three days in the fridge. Photograph by Nadia Haddad"),
        (0, "junk", "div", "Nutrition per serving: 240 kcal"),
        *junk("Rate this recipe", "More soup recipes", "Chicken noodle soup", "Roasted tomato soup", "Newsletter",
              "Get our best recipes every Friday. Sign up now!", "Kitchen Table © 2023"),
    ],
))

PAGES.append(dict(
    id="en_live_blog", lang="en",
    meta=dict(title="Election night live: polls close across the country", date="2022-11-08",
              author="Live team", site="Daily Courier", url="https://dailycourier.example/live/election-night-2022"),
    body=[
        *nav("Home", "Politics", "Elections", "US", "World", "Opinion"),
        (1, "headline", "h1", "Election night live: polls close across the country"),
        (0, "date", "div", "Updated 11:58 PM ET, November 8, 2022"),
        (1, "stamp", "div", "11:55 p.m."),
        (1, "heading", "h3", "Senate race too close to call"),
        p("With 85% of the votes counted, the two candidates are separated by fewer than 9,000 votes, according to the state's election website."),
        (1, "stamp", "div", "11:20 p.m."),
        (1, "heading", "h3", "Turnout higher than 2018"),
        p("Election officials said turnout had passed 2018 levels in at least six counties by early evening, driven by early voting."),
        (1, "stamp", "div", "10:47 p.m."),
        p("Polls have now closed in every state on the East Coast. Results from rural counties are expected to come in first."),
        *junk("Share", "Key races", "Senate", "House", "Governor", "Get the app", "Download the Daily Courier app for live results."),
    ],
))

PAGES.append(dict(
    id="en_opinion_column", lang="en",
    meta=dict(title="Our cities need fewer car parks, not more", date="2023-06-02",
              author="Tomás Reyes", site="The Civic Review", url="https://civicreview.example/opinion/2023/06/02/fewer-car-parks"),
    body=[
        *nav("News", "Opinion", "Columnists", "Letters", "Podcasts"),
        (0, "label", "div", "Opinion"),
        (1, "headline", "h1", "Our cities need fewer car parks, not more"),
        (1, "standfirst", "p", "Every space set aside for a parked car is a space that cannot be a home, a shop or a park"),
        (0, "byline", "div", "Tomás Reyes"),
        (0, "date", "div", "Fri 2 Jun 2023 06.00 BST"),
        p("Walk through almost any town centre and count the empty parking spaces at midday. In my own city, a council survey found that multi-storey car parks were on average 54% full on weekdays."),
        p("Yet planning rules still require new flats to come with at least one space each, adding thousands of pounds to the cost of every home."),
        p("Other countries have shown a different way. Several Dutch cities have removed minimum parking requirements altogether and seen no collapse in trade."),
        p("Scrapping the requirement would not ban anyone from driving. It would simply let builders and buyers decide how much parking they actually need."),
        (0, "bio", "p", "Tomás Reyes is an urban planner and the author of Streets for People."),
        (0, "disclaimer", "p", "The views expressed in this column are the author's own and do not necessarily reflect those of The Civic Review."),
        (0, "letters", "p", "Do you have an opinion on the issues raised in this article? If you would like to submit a letter of up to 300 words to be considered for publication, email it to us."),
        *junk("Most viewed", "1 Heatwave to continue into next week", "2 Mayor announces bus fare freeze", "Explore more on these topics", "Transport", "Housing"),
    ],
))

PAGES.append(dict(
    id="en_tech_review", lang="en",
    meta=dict(title="The best budget laptops you can buy", date="2020-02-24",
              author="Jason Clarke", site="GadgetDesk", url="https://gadgetdesk.example/article/best-budget-laptops/"),
    body=[
        *nav("Trending", "Innovation", "Tech", "Home & Office", "Business", "Deals", "Reviews"),
        (1, "headline", "h1", "The best budget laptops you can buy"),
        (0, "byline", "div", "Written by Jason Clarke, Contributing Writer"),
        (0, "date", "div", "February 24, 2020 | 9:25pm"),
        (0, "disclaimer", "p", "GadgetDesk may earn an affiliate commission from some of the products featured on this page. Our editors choose products independently."),
        p("You do not need to spend a fortune to get a laptop that handles email, documents and video calls. We tested a dozen models under $500 over three months."),
        h2("Acer Swift 1"),
        cap("Jason Clarke/GadgetDesk"),
        p("The Swift 1 is thin, quiet and lasted nine hours in our battery test. Its screen is dim outdoors, but indoors it is perfectly fine."),
        (0, "affiliate", "div", "See it now: Amazon"),
        h2("Lenovo IdeaPad 3"),
        cap("Jason Clarke/GadgetDesk"),
        p("Lenovo's keyboard is the best at this price, and the IdeaPad 3 has enough ports that you will not need adapters."),
        (0, "affiliate", "div", "See it now: Amazon"),
        h2("How we tested"),
        p("Each laptop ran the same battery loop of web browsing and video playback at 50% brightness until it shut down."),
        (0, "affiliate", "div", "See it now: Amazon"),
        *junk("Related", "The best Chromebooks", "The best tablets for students", "Newsletters", "You have been successfully signed up. To sign up for more newsletters or to manage your account, visit the Newsletter Subscription Center.", "Subscribe", "See All", "© 2020 GadgetDesk. All rights reserved. Privacy Policy | Cookie Settings"),
    ],
))

PAGES.append(dict(
    id="en_science_news", lang="en",
    meta=dict(title="Probe spots water ice in shadowed crater near lunar south pole", date="2021-07-22",
              author="Lena Fischer", site="Space Daily Digest", url="https://spacedigest.example/news/2021-07-lunar-ice.html"),
    body=[
        *nav("Home", "Space", "Physics", "Earth", "Biology", "Chemistry", "Technology"),
        (0, "date", "div", "July 22, 2021"),
        (1, "headline", "h1", "Probe spots water ice in shadowed crater near lunar south pole"),
        (0, "byline", "div", "by Lena Fischer, European Space Agency"),
        cap("Image of the crater taken by the probe's camera. Credit: ESA"),
        p("A spacecraft orbiting the moon has found signs of water ice on the floor of a crater that never sees sunlight, scientists reported on Thursday."),
        p("The crater lies about 60 kilometres from the south pole. Its floor stays colder than minus 200 degrees Celsius, cold enough for ice to survive for billions of years."),
        p("\"This is exactly the kind of place a future base would want to be near,\" said mission scientist Karim Aziz. \"Water means drinking water, oxygen and rocket fuel.\""),
        p("The team plans to map other shadowed craters over the coming year to estimate how much ice the region holds."),
        (0, "more info", "p", "More information: K. Aziz et al, Water ice in a permanently shadowed crater, Journal of Planetary Science (2021). DOI: 10.1000/jps.2021.123"),
        (0, "provided", "p", "Provided by European Space Agency"),
        *junk("Explore further", "Moon's south pole may hold more ice than thought", "Citation: Probe spots water ice in shadowed crater near lunar south pole (2021, July 22)",
              "This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission. The content is provided for information purposes only.",
              "Feedback to editors", "Top", "Home", "Search"),
    ],
))

PAGES.append(dict(
    id="en_syndicated_newsweek", lang="en",
    meta=dict(title="Lawmakers Push to Ban Stock Trading by Members of Congress", date="2022-01-12",
              author="Chris Donnelly", site="Newsweek", url="https://aggregator.example/post/lawmakers-stock-trading-ban"),
    body=[
        *nav("Home", "Feeds", "Top stories", "Politics"),
        (1, "headline", "h1", "Lawmakers Push to Ban Stock Trading by Members of Congress"),
        (0, "byline", "div", "Chris Donnelly"),
        (0, "date", "div", "Jan 12, 2022"),
        p("A bipartisan group of lawmakers introduced a bill on Wednesday that would bar members of Congress and their spouses from owning or trading individual stocks."),
        p("Supporters say the measure would end the appearance of conflicts of interest, after reports that several members traded shares in companies affected by legislation they were drafting."),
        p("\"Members of Congress should not be day trading while they write the rules,\" said Representative Abigail Spanberger, one of the bill's sponsors."),
        p("Opponents argue that existing disclosure rules are enough and that a ban would discourage people from running for office."),
        (0, "syndication", "p", "The post Lawmakers Push to Ban Stock Trading by Members of Congress appeared first on Newsweek."),
        *junk("Share", "Next Auto News", "- Next Auto News", "More from this feed"),
    ],
))

PAGES.append(dict(
    id="en_short_headline_mostread_first", lang="en",
    meta=dict(title="Security test article", date="2019-05-03",
              author="Mark Dalton", site="Campus Chronicle", url="https://campuschronicle.example/2019/05/03/security-test-article"),
    body=[
        *nav("News", "Campus", "Sports", "Arts"),
        (0, "junk", "div", "Most read"),
        (0, "junk", "div", "1. Library to stay open 24 hours during exams"),
        (0, "junk", "div", "2. Dining hall prices rise for next semester"),
        (0, "junk", "div", "3. Women's rowing team wins regional title"),
        (0, "junk", "div", "4. New parking permits go on sale Monday"),
        (1, "headline", "h1", "Security test article"),
        (0, "byline", "div", "Mark Dalton"),
        (0, "date", "div", "May 3, 2019"),
        p("The university will run an unannounced test of its emergency alert system next week, campus security said on Friday."),
        p("Students and staff will receive a text message and an email, and sirens will sound for about a minute on the main campus."),
        p("Officials asked people not to call the emergency line during the test unless they have a real emergency."),
        *junk("Related", "Campus security adds night patrols", "About us", "Contact", "Advertise"),
    ],
))

PAGES.append(dict(
    id="en_slideshow", lang="en",
    meta=dict(title="In pictures: Harvest festival fills the old town", date="2023-09-17",
              author="Lucy Grant", site="Valley Times", url="https://valleytimes.example/galleries/harvest-festival-2023"),
    body=[
        *nav("News", "Sport", "What's on", "Galleries", "Jobs"),
        (1, "headline", "h1", "In pictures: Harvest festival fills the old town"),
        (0, "date", "div", "17 September 2023"),
        (0, "gallery", "div", "1 of 6"),
        p("Thousands of visitors filled the market square on Saturday for the 40th harvest festival, the largest in the event's history."),
        (0, "gallery", "div", "2 of 6"),
        p("Farmers from across the valley brought their biggest pumpkins to be weighed. This year's winner tipped the scales at 412kg."),
        (0, "gallery", "div", "3 of 6"),
        p("Children took part in a lantern parade through the old town after dark, led by a brass band from the local school."),
        (0, "gallery", "div", "Previous"), (0, "gallery", "div", "Next"),
        *junk("More galleries", "Best pictures of the week", "Valley Times © 2023"),
    ],
))

PAGES.append(dict(
    id="en_interview_qa", lang="en",
    meta=dict(title="‘We built the app in a garage’: an interview with founder Maya Osei", date="2024-01-25",
              author="Ben Alvarez", site="Startup Ledger", url="https://startupledger.example/interviews/maya-osei"),
    body=[
        *nav("News", "Interviews", "Funding", "Events", "Jobs", "Log in"),
        (1, "headline", "h1", "‘We built the app in a garage’: an interview with founder Maya Osei"),
        (0, "byline", "div", "Ben Alvarez"),
        (0, "date", "div", "January 25, 2024"),
        p("Maya Osei's budgeting app reached a million users in its first year. We spoke to her about money, mistakes and hiring."),
        (1, "paragraph", "p", "How did it start?"),
        p("My co-founder and I both had student debt and no idea where our money went each month. We built the first version in his parents' garage over one summer."),
        (1, "paragraph", "p", "What was your biggest mistake?"),
        p("Hiring too fast after our first funding round. We doubled the team in three months and lost the habits that made us quick."),
        (1, "paragraph", "p", "What's next?"),
        p("We are launching in Germany and Spain this spring, which means working with new banks and new rules."),
        (0, "edit", "p", "This interview has been edited for length and clarity."),
        *junk("Newsletter", "The week's startup news in five minutes. Subscribe for free.", "Read more interviews"),
    ],
))
