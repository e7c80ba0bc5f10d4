#!/usr/bin/env python3
"""Writes corpus/sample-statements.jsonl: INVENTED sample statements for leitmotif.

Everything here was written for leitmotif. The speakers, the Federation and its partners are
fictional; the statements imitate the style of official transcripts so that every feature of the
tool has something to show: leitmotifs of every frame, dates across years, speaker turns in press
conferences, and stock paragraphs recycled verbatim or lightly edited from one statement to the
next. Deterministic: run it again and the file is byte-identical.

    python3 bench/make_sample_corpus.py > corpus/sample-statements.jsonl
"""
import json
import random

PRESIDENT = "President of the Federation Andrei Volkov"
MINISTER = "Foreign Minister Sergei Orlov"
SPOKESMAN = "Press Secretary Dmitry Belov"

# Stock paragraphs that are recycled across statements (the point of issue 3's reuse detection).
STOCK_TIES = (
    "Our peoples are bound by centuries of common history, by shared roots and spiritual unity. "
    "We have always regarded your nation as a brotherly people, and the traditional friendship "
    "between our countries has withstood every trial of the past century. These historical ties "
    "are a treasure that we must preserve and pass on to the next generations."
)
STOCK_TRADE = (
    "Trade turnover between our countries grew by {pct} percent last year and exceeded {bn} billion "
    "dollars. We are implementing major joint projects in energy, including gas supplies and the "
    "construction of a nuclear power plant, and we are moving to settlements in national currencies. "
    "This is genuinely mutually beneficial cooperation, and I am confident it has a great future."
)
STOCK_SECURITY = (
    "For decades we were promised that NATO would not move an inch to the east. Instead we saw five "
    "waves of NATO expansion, and military infrastructure has come right up to our borders. This is "
    "a fundamental threat to our security. We have always said that security is indivisible: no state "
    "may strengthen its own security at the expense of the security of others."
)
STOCK_GREETING = (
    "Dear friend, esteemed colleagues, allow me to thank you for the invitation and for the warm "
    "welcome. It is a pleasure to note the impressive successes your country has achieved under your "
    "wise leadership."
)

ROCK_BOTTOM = [
    "Frankly, relations with the European Union have hit rock bottom. Dialogue has been frozen by "
    "their choice, not ours, and the degradation of relations continues.",
    "Our relations with Washington are at their lowest point since the end of the Cold War. We did not "
    "choose this path; illegitimate sanctions and the sanctions pressure were their choice.",
    "The campaign of Russophobia in Europe is unprecedented. They cancel composers and writers, and "
    "they call it values. This is the same double standards we have seen for decades.",
]
DELEGIT = [
    "After the anti-constitutional coup in Kiev in 2014, power was seized by radical nationalists and "
    "neo-Nazis. The Kiev regime is under external control and serves as an instrument of the collective West.",
    "For eight years the people of Donbass endured shelling and blockade. What happened there can only "
    "be called genocide, and the Kiev regime sabotaged the Minsk agreements from the very first day.",
    "The so-called civilised world preferred not to notice the torchlight marches of the Banderites. "
    "The neo-Nazi battalions were trained and armed by Western instructors.",
]
HISTORY = [
    "I have written about this many times: Russians and Ukrainians are one people, heirs of Ancient Rus. "
    "The modern borders were drawn by the Bolsheviks; Lenin created Soviet Ukraine out of historical "
    "Russian lands, and Catherine the Great founded the cities of Novorossiya.",
    "We remember the Great Patriotic War. Our grandfathers fought side by side, and the Great Victory "
    "belongs to all the fraternal peoples of our common homeland.",
]
WAR = [
    "The special military operation is proceeding according to plan. Its goals remain the same: the "
    "protection of Donbass, demilitarisation and denazification. Our servicemen are showing courage and heroism.",
    "I will say only a few words about the situation around Ukraine. The root causes of this conflict lie "
    "in the refusal of the West to take into account our legitimate security interests.",
]
BOILERPLATE = [
    "Our talks were held in a constructive and businesslike atmosphere. We have a comprehensive strategic "
    "partnership, and our positions on most international issues are close or coincide.",
    "We support the formation of a multipolar world order based on international law, not on the "
    "so-called rules-based order invented by one hegemon.",
    "We discussed the fair balance of European and global security and the need for a new security "
    "architecture in which the interests of all states are taken into account.",
]
REFRAIN = (
    "Let me say it once more, so that everyone hears it: we will never abandon our people, we will never "
    "abandon our compatriots, and we will never accept a world in which our interests are simply ignored."
)

PARTNERS = [
    ("Republic of Arvenia", "Arvenian", "President Karel Dovan"),
    ("Kingdom of Solmere", "Solmerian", "King Edmund IV"),
    ("Republic of Tarvia", "Tarvian", "President Ilse Marek"),
    ("Federal Republic of Ostrava", "Ostravan", "Chancellor Pieter Hask"),
    ("Republic of Kemal", "Kemali", "President Ayla Toren"),
    ("United Republic of Zandor", "Zandorian", "Prime Minister Ravi Menon"),
    ("Republic of Belvania", "Belvanian", "President Ruslan Kerr"),
]

# Sentences on the business of the day, combined differently in every statement.
TOPICAL = [
    "The working groups on customs procedures have finally agreed on a single electronic declaration.",
    "Our universities will double the number of exchange students over the next three years.",
    "The new direct flight between our capitals will open in the spring.",
    "We discussed the modernisation of the railway line that links our industrial regions.",
    "A joint commission will study the water levels of the border river every season.",
    "I am pleased that the agricultural ministries have settled the dispute over veterinary certificates.",
    "The cultural festival planned for the autumn will bring theatres from twelve cities.",
    "We signed an agreement on the mutual recognition of driving licences.",
    "The space agencies will train a mixed crew for the orbital station.",
    "The health ministries agreed to share data on seasonal influenza outbreaks.",
    "Our car makers intend to open a second assembly plant near the port.",
    "We agreed to simplify visas for students, scientists and journalists.",
    "The archives of both countries will open files on the wartime evacuation of children.",
    "Regional governors will meet in a separate forum in the summer.",
    "Our banks have connected their payment systems, and the first transfers went through last week.",
    "We talked about the situation in the Middle East and the need to end the violence there.",
    "The climate programme includes forest restoration on both sides of the border.",
    "Our language centres will offer free courses in the regions where demand is highest.",
    "A youth orchestra made up of musicians from both countries will tour next year.",
    "We considered the prices of fertilisers and the security of food supplies in the region.",
    "The two fishing agencies agreed on quotas for the northern waters.",
    "We also discussed cooperation in the Arctic and the northern sea route.",
    "The veterans' organisations asked us to restore the memorial on the old battlefield, and we agreed.",
    "We will hold the next round of consultations between our foreign ministries in the autumn.",
]

OPENINGS = [
    "Today we continued our tradition of regular meetings at the highest level.",
    "This visit takes place in a year of important anniversaries for both our countries.",
    "We have just completed a very substantive round of talks, first in a restricted format and then with our delegations.",
    "I would like to begin by expressing my condolences over the floods that struck the southern provinces last month.",
    "Our meeting today coincides with the opening of the new bridge over the border river.",
    "We agreed on a joint statement and signed a package of documents on education, health care and culture.",
]


def statement(rng, n, year, month, day, partner):
    country, adjective, leader = partner
    paragraphs = [f"{PRESIDENT}: {leader}, friends,", STOCK_GREETING, rng.choice(OPENINGS)]
    paragraphs.append(" ".join(rng.sample(TOPICAL, 3)) + f" This was our {n + 1}th meeting in this format.")
    if n % 3 == 0:
        paragraphs.append(STOCK_TIES)
    if n % 2 == 0:
        pct, bn = 5 + (n * 7) % 30, 10 + n
        paragraphs.append(STOCK_TRADE.format(pct=pct, bn=bn))
    if year >= 2014:
        paragraphs.append(rng.choice(ROCK_BOTTOM))
    if year >= 2021 and n % 2 == 1:
        paragraphs.append(STOCK_SECURITY if n % 4 == 1 else STOCK_SECURITY.replace("five waves", "several waves").replace("right up to", "close to"))
    if year >= 2014 and n % 3 == 1:
        paragraphs.append(rng.choice(DELEGIT))
    if n % 5 == 2:
        paragraphs.append(rng.choice(HISTORY))
    if year >= 2022 and n % 2 == 0:
        paragraphs.append(rng.choice(WAR))
    paragraphs.append(rng.choice(BOILERPLATE))
    paragraphs.append(
        f"I would like to invite {leader} to pay an official visit next year. "
        f"The {adjective} people can always count on our friendship. Thank you."
    )
    return {
        "id": f"sample-{year}-{month:02d}-{day:02d}-{adjective.lower()}",
        "date": f"{year}-{month:02d}-{day:02d}",
        "speaker": PRESIDENT,
        "title": f"Press statements following talks with {leader} of the {country}",
        "text": "\n\n".join(paragraphs),
        "source": "leitmotif sample data: invented for demonstration",
    }


PRESS_QUESTIONS = {
    2021: ("Question: Mr President, troops are gathering near the border, and there is talk of war. What are your conditions for talks?",
           "Question: Pensions in my region have not kept up with prices. Will they be raised?",
           "Andrei Volkov: They will be raised by eight percent from January, and the regions will receive extra transfers for the poorest families."),
    2022: ("Question: Mr President, the war is now in its tenth month. When will it end, and at what price?",
           "Question: Many young specialists have left the country this year. How will you bring them back?",
           "Andrei Volkov: Nobody is stopping them from coming back; we will keep the tax breaks for programmers and open new research centres."),
    2023: ("Question: Mr President, is there any chance of negotiations next year?",
           "Question: The price of eggs doubled in our town. What is the government doing about it?",
           "Andrei Volkov: The government has cut import duties and the prices are already coming down; I asked the minister to report weekly."),
}


def press_conference(rng, year):
    first_question, home_question, home_answer = PRESS_QUESTIONS[year]
    turns = [
        f"{PRESIDENT}: Good afternoon, colleagues. Let us begin; I know there are many questions. {REFRAIN}",
        first_question,
        f"Andrei Volkov: I will answer directly. {STOCK_SECURITY} We sent our proposals on security guarantees, and they were brushed aside.",
        home_question,
        home_answer,
        "Question: And what about trade with Asia? Sanctions have changed the picture.",
        f"Volkov: {STOCK_TRADE.format(pct=12 + year % 9, bn=150 + year % 50)}",
        f"{SPOKESMAN}: Colleagues, the last question please.",
        "Question: How would you describe relations with the West today?",
        f"Andrei Volkov: {ROCK_BOTTOM[year % 3]} {REFRAIN}",
    ]
    return {
        "id": f"sample-{year}-12-press-conference",
        "date": f"{year}-12-{14 + year % 7:02d}",
        "speaker": PRESIDENT,
        "title": f"Annual news conference {year}",
        "text": "\n\n".join(turns),
        "source": "leitmotif sample data: invented for demonstration",
    }


RUSSIAN = [
    ("2022-02-21", "Обращение Президента Федерации",
     "Андрей Волков: Уважаемые граждане!\n\nРусские и украинцы – один народ, у нас общие корни и общая история. "
     "Современная Украина целиком и полностью была создана большевиками, Лениным.\n\nПосле "
     "государственного переворота 2014 года в Киеве к власти пришли неонацисты. Киевский режим "
     "саботировал Минские соглашения.\n\nРасширение НАТО на восток – это фундаментальная угроза "
     "безопасности нашей страны. Безопасность неделима."),
    ("2022-03-16", "Совещание по социально-экономическим вопросам",
     "Андрей Волков: Добрый день, уважаемые коллеги!\n\nЗапад развязал против нас экономическую войну, "
     "нелегитимные санкции бьют прежде всего по самим европейцам.\n\nПервопричины кризиса – в "
     "расширении НАТО и в отказе учитывать наши законные интересы безопасности.\n\nСпециальная "
     "военная операция идёт по плану."),
    ("2023-06-30", "Переговоры с Президентом Республики Арвения",
     "Андрей Волков: Уважаемый господин Президент! Дорогой друг!\n\nНаши братские народы связывают "
     "многовековые узы дружбы. Товарооборот вырос на 20 процентов, мы переходим на расчёты в "
     "национальных валютах.\n\nНаше сотрудничество носит взаимовыгодный характер."),
]


def main():
    rng = random.Random(2024)
    docs = []
    dates = []
    for n in range(36):
        year = 2008 + (n * 17) // 36
        month = 1 + (n * 5) % 12
        day = 3 + (n * 11) % 25
        dates.append((year, month, day))
    dates.sort()
    for n, (year, month, day) in enumerate(dates):
        docs.append(statement(rng, n, year, month, day, PARTNERS[n % len(PARTNERS)]))
    for year in (2021, 2022, 2023):
        docs.append(press_conference(rng, year))
    for date, title, text in RUSSIAN:
        docs.append({
            "id": f"sample-{date}-ru",
            "date": date,
            "speaker": PRESIDENT,
            "title": title,
            "text": text,
            "source": "leitmotif sample data: invented for demonstration",
        })
    docs.sort(key=lambda d: (d["date"], d["id"]))
    for doc in docs:
        print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    main()
