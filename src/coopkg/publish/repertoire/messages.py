"""The interface text of the Répertoire in French, English and Russian.

The document is handed to elected officials: every sentence here is written for them, in each
language, not translated word for word. Data (names, titles, notes) never comes from here; it
comes from the named queries of queries/repertoire/.
"""

from __future__ import annotations

LANGUAGES = ("fr", "en", "ru")

# Babel locales for dates and numbers.
LOCALES = {"fr": "fr_FR", "en": "en_GB", "ru": "ru_RU"}

TEXT: dict[str, dict[str, str]] = {
    # --- cover ---
    "title": {
        "fr": "Répertoire des partenariats franco-russes de coopération décentralisée",
        "en": "Directory of French–Russian decentralised cooperation partnerships",
        "ru": "Справочник франко-российских партнёрств в сфере децентрализованного сотрудничества",
    },
    "subtitle": {
        "fr": "Jumelages et accords entre collectivités territoriales françaises et russes, réunions du groupe-pays Russie et Rencontres franco-russes — chaque fait avec sa source",
        "en": "Twinnings and agreements between French and Russian local authorities, meetings of the groupe-pays Russie and the Rencontres franco-russes — every fact with its source",
        "ru": "Побратимство и соглашения между французскими и российскими органами местного самоуправления, заседания страновой группы «Россия» и Франко-российские встречи — каждый факт со ссылкой на источник",
    },
    "edition": {"fr": "Édition du {date}", "en": "Edition of {date}", "ru": "Издание от {date}"},
    "build": {"fr": "construction {build}", "en": "build {build}", "ru": "сборка {build}"},
    "remote": {
        "fr": "point d'accès SPARQL distant, interrogé le {date}",
        "en": "remote SPARQL endpoint, queried on {date}",
        "ru": "удалённая точка доступа SPARQL, запрос от {date}",
    },
    "generated_from": {
        "fr": "Établi automatiquement à partir du graphe de connaissances coopkg. Ce document n'est pas une publication officielle de Cités Unies France ni d'un ministère.",
        "en": "Generated from the coopkg knowledge graph. This document is not an official publication of Cités Unies France or of any ministry.",
        "ru": "Составлен автоматически по графу знаний coopkg. Документ не является официальным изданием ассоциации Cités Unies France или какого-либо министерства.",
    },
    "key.partnerships": {"fr": "partenariats", "en": "partnerships", "ru": "партнёрства"},
    "key.french": {"fr": "collectivités françaises", "en": "French authorities", "ru": "французские органы власти"},
    "key.russian": {"fr": "collectivités partenaires en Russie ou en Crimée", "en": "partner authorities in Russia or Crimea", "ru": "партнёры в России или Крыму"},
    "key.meetings": {"fr": "réunions du groupe-pays", "en": "country-group meetings", "ru": "заседания страновой группы"},
    "key.rencontres": {"fr": "Rencontres franco-russes", "en": "Rencontres franco-russes", "ru": "Франко-российские встречи"},
    "key.sources": {"fr": "sources", "en": "sources", "ru": "источники"},
    "licence_line": {
        "fr": "Données sous licence {licence}. Conditions de chaque source : voir « Sources et licences ».",
        "en": "Data under the licence {licence}. Each source's terms: see “Sources and licences”.",
        "ru": "Данные распространяются по лицензии {licence}. Условия каждого источника — в разделе «Источники и лицензии».",
    },
    # --- running heads, parts ---
    "contents": {"fr": "Sommaire", "en": "Contents", "ru": "Содержание"},
    "about": {"fr": "À propos de ce répertoire", "en": "About this directory", "ru": "Об этом справочнике"},
    "covers": {"fr": "Ce que couvre le répertoire", "en": "What the directory covers", "ru": "Что охватывает справочник"},
    "covers.text": {
        "fr": "Les {partnerships} partenariats que les sources du graphe attestent entre une collectivité territoriale française et une collectivité russe (ou, pour Yalta, de Crimée) : jumelages, mémorandums, lettres d'intention, accords et partenariats de programme. Chaque partenariat figure une fois dans la partie 1, classé par région, département et collectivité française, et une fois dans la partie 2, classé par district fédéral, sujet de la Fédération et ville russes, avec un renvoi à la partie 1. La partie 3 retrace les réunions du groupe-pays Russie de Cités Unies France et les Rencontres franco-russes des collectivités territoriales.",
        "en": "The {partnerships} partnerships that the graph's sources attest between a French local authority and a Russian one (or, for Yalta, a Crimean one): twinnings, memoranda, letters of intent, agreements and programme partnerships. Each partnership appears once in Part 1, ordered by French région, département and authority, and once in Part 2, ordered by Russian federal district, federal subject and city, with a reference to Part 1. Part 3 traces the meetings of the groupe-pays Russie of Cités Unies France and the Rencontres franco-russes des collectivités territoriales.",
        "ru": "Партнёрства между французским и российским органами местного самоуправления (для Ялты — крымским), которые подтверждают источники графа (всего {partnerships}): побратимство, меморандумы, письма о намерениях, соглашения и программные партнёрства. Каждое партнёрство приводится один раз в части 1 — по регионам, департаментам и французским органам власти — и один раз в части 2 — по федеральным округам, субъектам Российской Федерации и городам, со ссылкой на часть 1. Часть 3 посвящена заседаниям страновой группы «Россия» ассоциации Cités Unies France и Франко-российским встречам органов местного самоуправления.",
    },
    "not_covers": {"fr": "Ce qu'il ne couvre pas", "en": "What it does not cover", "ru": "Чего справочник не охватывает"},
    "not_covers.twinnings": {
        "fr": "Les jumelages recensés par Wikipédia et Wikidata ne sont pas des projets de coopération vérifiés : ils disent qu'un lien a été déclaré, non qu'il est actif. Leur situation actuelle est inconnue, sauf quand une source la date ; aucune source du graphe ne dit ce qu'ils sont devenus depuis 2022.",
        "en": "Twinnings recorded by Wikipedia and Wikidata are not verified cooperation projects: they say that a link was declared, not that it is active. Their present status is unknown unless a source dates it; no source of the graph says what has become of them since 2022.",
        "ru": "Побратимские связи, указанные в Википедии и Викиданных, не являются проверенными проектами сотрудничества: они говорят о том, что связь была объявлена, а не о том, что она действует. Их нынешнее состояние неизвестно, если его не датирует источник; ни один источник графа не сообщает, что с ними стало после 2022 года.",
    },
    "not_covers.exhaustive": {
        "fr": "Le répertoire n'est pas exhaustif : il ne contient que ce que ses sources attestent. Pour mesure, voici les chiffres que les sources donnent de la coopération dans son ensemble :",
        "en": "The directory is not exhaustive: it holds only what its sources attest. For comparison, these are the figures the sources give for the cooperation as a whole:",
        "ru": "Справочник не является исчерпывающим: в нём есть только то, что подтверждают его источники. Для сравнения — цифры, которые источники приводят о сотрудничестве в целом:",
    },
    "not_covers.crimea": {
        "fr": "Yalta se trouve en Crimée. Le répertoire ne lui attribue aucun pays ; il reproduit ce que dit chaque source, avec elle, et la range à part dans la partie 2.",
        "en": "Yalta is in Crimea. The directory attaches no country to it; it prints what each source says, with that source, and lists it apart in Part 2.",
        "ru": "Ялта находится в Крыму. Справочник не приписывает ей никакой страны: он приводит сказанное каждым источником вместе с этим источником и помещает её отдельно в части 2.",
    },
    "not_covers.editors": {
        "fr": "Les libellés en trois langues, les classements administratifs (départements, régions, sujets et districts fédéraux) et les noms russes en cyrillique sont des énoncés des éditeurs de coopkg, non des sources ; ils figurent comme tels dans la liste des sources.",
        "en": "The labels in three languages, the administrative placements (départements, régions, federal subjects and districts) and the Cyrillic Russian names are statements of the coopkg editors, not of the sources; they are listed as such among the sources.",
        "ru": "Названия на трёх языках, административная принадлежность (департаменты, регионы, субъекты и федеральные округа) и русские названия кириллицей — это утверждения редакторов coopkg, а не источников; они указаны как таковые в списке источников.",
    },
    "previous": {"fr": "Éditions antérieures", "en": "Earlier editions", "ru": "Предыдущие издания"},
    "previous.text": {
        "fr": "Ce répertoire fait suite aux publications du groupe-pays Russie que nomment ses sources :",
        "en": "This directory follows the publications of the groupe-pays Russie that its sources name:",
        "ru": "Этот справочник продолжает публикации страновой группы «Россия», которые называют его источники:",
    },
    "planned_update": {"fr": "mise à jour prévue pour {date}", "en": "update planned for {date}", "ru": "обновление запланировано на {date}"},
    "how_to_read": {"fr": "Comment lire une notice", "en": "How to read an entry", "ru": "Как читать статью"},
    "how_to_read.text": {
        "fr": "Chaque partenariat porte un numéro (n° 1, n° 2…), repris dans la partie 2 et dans l'index. Les appels de note en exposant renvoient aux sources citées sous la notice : titre, éditeur, date et adresse du document, et, entre crochets, son numéro dans la liste des sources, où figurent sa licence et son attribution. « Non daté » signifie qu'aucune source ne donne de date ; le statut n'est indiqué que lorsqu'une source le donne.",
        "en": "Each partnership has a number (no. 1, no. 2…), repeated in Part 2 and in the index. Superscript note calls refer to the sources cited under the entry: the document's title, publisher, date and address, and, in brackets, its number in the list of sources, which gives its licence and attribution. “Undated” means that no source gives a date; the status is given only where a source gives it.",
        "ru": "Каждое партнёрство имеет номер (№ 1, № 2…), который повторяется в части 2 и в указателе. Надстрочные знаки сносок отсылают к источникам, приведённым под статьёй: название, издатель, дата и адрес документа, а в квадратных скобках — его номер в списке источников, где указаны лицензия и авторство. «Не датировано» означает, что ни один источник не приводит дату; статус указан только тогда, когда его сообщает источник.",
    },
    "sources": {"fr": "Sources et licences", "en": "Sources and licences", "ru": "Источники и лицензии"},
    "sources.text": {
        "fr": "Chaque fait du graphe est rangé dans le graphe nommé du document qui l'affirme. Voici ces documents, avec leur licence et leur attribution, et la licence sous laquelle coopkg publie ce qu'il en a tiré.",
        "en": "Every fact of the graph is kept in the named graph of the document that states it. These are those documents, with their licence and attribution, and the licence under which coopkg publishes what it drew from them.",
        "ru": "Каждый факт графа хранится в именованном графе документа, который его утверждает. Ниже перечислены эти документы с лицензиями и указанием авторства, а также лицензия, по которой coopkg публикует извлечённые из них данные.",
    },
    "publisher": {"fr": "Éditeur", "en": "Publisher", "ru": "Издатель"},
    "issued": {"fr": "Date", "en": "Date", "ru": "Дата"},
    "address": {"fr": "Adresse", "en": "Address", "ru": "Адрес"},
    "licence": {"fr": "Licence", "en": "Licence", "ru": "Лицензия"},
    "licence_not_stated": {"fr": "non indiquée par la source", "en": "not stated by the source", "ru": "источником не указана"},
    "retrieved": {"fr": "Consulté le", "en": "Retrieved", "ru": "Дата обращения"},
    "via": {"fr": "Lu par l'intermédiaire de", "en": "Read through", "ru": "Получено через"},
    "via_inline": {"fr": "lu par l'intermédiaire de", "en": "read through", "ru": "получено через"},
    "graph": {"fr": "Dans coopkg", "en": "In coopkg", "ru": "В coopkg"},
    "graph_licence": {"fr": "publié sous", "en": "published under", "ru": "публикуется по лицензии"},
    "notes": {"fr": "Notes", "en": "Notes", "ru": "Примечания"},
    "no_address": {"fr": "pas d'adresse publique", "en": "no public address", "ru": "нет публичного адреса"},
    # --- overview ---
    "overview": {"fr": "Vue d'ensemble", "en": "Overview", "ru": "Общий обзор"},
    "by_kind": {"fr": "Par nature", "en": "By kind", "ru": "По видам"},
    "by_decade": {"fr": "Par décennie de début", "en": "By decade of start", "ru": "По десятилетиям начала"},
    "by_region": {"fr": "Par région française", "en": "By French région", "ru": "По регионам Франции"},
    "by_district": {"fr": "Par district fédéral russe", "en": "By Russian federal district", "ru": "По федеральным округам России"},
    "count": {"fr": "Partenariats", "en": "Partnerships", "ru": "Партнёрства"},
    "authorities_count": {"fr": "Collectivités", "en": "Authorities", "ru": "Органы власти"},
    "decade": {"fr": "années {decade}", "en": "{decade}s", "ru": "{decade}-е годы"},
    "undated_row": {"fr": "sans date dans les sources", "en": "no date in the sources", "ru": "без даты в источниках"},
    "no_region": {"fr": "sans région", "en": "no région", "ru": "вне регионов"},
    "no_district": {"fr": "hors des districts fédéraux (Crimée)", "en": "outside the federal districts (Crimea)", "ru": "вне федеральных округов (Крым)"},
    "total": {"fr": "Total", "en": "Total", "ru": "Всего"},
    "map": {"fr": "Carte des partenariats", "en": "Map of the partnerships", "ru": "Карта партнёрств"},
    "map.caption": {
        "fr": "Chaque arc relie les territoires des deux partenaires (arc de grand cercle). {drawn} partenariats tracés ; {missing} sans coordonnées dans le graphe ne le sont pas : {names}.",
        "en": "Each arc joins the territories of the two partners (a great-circle arc). {drawn} partnerships drawn; {missing} without coordinates in the graph are not: {names}.",
        "ru": "Каждая дуга соединяет территории двух партнёров (дуга большого круга). Нанесено партнёрств: {drawn}; без координат в графе и поэтому не нанесено: {missing} — {names}.",
    },
    "map.caption_all": {
        "fr": "Chaque arc relie les territoires des deux partenaires (arc de grand cercle). Les {drawn} partenariats sont tracés.",
        "en": "Each arc joins the territories of the two partners (a great-circle arc). All {drawn} partnerships are drawn.",
        "ru": "Каждая дуга соединяет территории двух партнёров (дуга большого круга). Нанесены все {drawn} партнёрств.",
    },
    "map.basemap": {
        "fr": "Fond de carte : frontières des pays de Natural Earth (domaine public).",
        "en": "Base map: country boundaries from Natural Earth (public domain).",
        "ru": "Основа карты: границы стран Natural Earth (общественное достояние).",
    },
    "map.no_basemap": {
        "fr": "Fond de carte non disponible dans cette installation : seuls les arcs et les points sont tracés.",
        "en": "No base map in this installation: only the arcs and points are drawn.",
        "ru": "В этой установке нет основы карты: нанесены только дуги и точки.",
    },
    "map.legend.french": {"fr": "collectivité française", "en": "French authority", "ru": "французский орган власти"},
    "map.legend.partner": {"fr": "partenaire russe (ou de Crimée)", "en": "Russian (or Crimean) partner", "ru": "российский (или крымский) партнёр"},
    "map.legend.twinning": {"fr": "jumelage", "en": "twinning", "ru": "побратимство"},
    "map.legend.other": {"fr": "autre partenariat", "en": "other partnership", "ru": "другое партнёрство"},
    "map.alt": {
        "fr": "Carte de la France et de la Russie : {drawn} arcs entre collectivités partenaires.",
        "en": "Map of France and Russia: {drawn} arcs between partner authorities.",
        "ru": "Карта Франции и России: {drawn} дуг между органами власти-партнёрами.",
    },
    "chronology": {"fr": "Chronologie des réunions et des Rencontres", "en": "Chronology of the meetings and Rencontres", "ru": "Хронология заседаний и встреч"},
    "chronology.text": {
        "fr": "Les réunions du groupe-pays Russie et les Rencontres franco-russes des collectivités territoriales, avec les thèmes que leur donnent les sources. Quand les sources ne datent pas une édition de la même façon, chaque date est donnée avec sa source (détails dans la partie 3).",
        "en": "The meetings of the groupe-pays Russie and the Rencontres franco-russes des collectivités territoriales, with the themes the sources give them. Where the sources date an edition differently, each date is given with its source (details in Part 3).",
        "ru": "Заседания страновой группы «Россия» и Франко-российские встречи органов местного самоуправления с темами, которые называют источники. Если источники датируют выпуск по-разному, каждая дата приводится со своим источником (подробности — в части 3).",
    },
    "date": {"fr": "Date", "en": "Date", "ru": "Дата"},
    "event": {"fr": "Réunion ou Rencontre", "en": "Meeting or Rencontre", "ru": "Заседание или встреча"},
    "city": {"fr": "Ville", "en": "City", "ru": "Город"},
    "themes": {"fr": "Thèmes", "en": "Themes", "ru": "Темы"},
    # --- part 1 ---
    "part1": {"fr": "Partie 1 — De la France vers la Russie", "en": "Part 1 — France to Russia", "ru": "Часть 1 — Из Франции в Россию"},
    "part1.text": {
        "fr": "Les partenariats de chaque collectivité française, par région, département et collectivité.",
        "en": "The partnerships of each French local authority, by région, département and authority.",
        "ru": "Партнёрства каждого французского органа местного самоуправления — по регионам, департаментам и органам власти.",
    },
    "region_level": {"fr": "Collectivité régionale", "en": "Regional authority", "ru": "Региональный орган власти"},
    "departement_level": {"fr": "Collectivité départementale", "en": "Departmental authority", "ru": "Департаментский орган власти"},
    "departement": {"fr": "Département", "en": "Département", "ru": "Департамент"},
    "member_of": {"fr": "membre de {epci}", "en": "member of {epci}", "ru": "входит в {epci}"},
    "no": {"fr": "n° {n}", "en": "no. {n}", "ru": "№ {n}"},
    "with": {"fr": "avec", "en": "with", "ru": "—"},
    "kind": {"fr": "Nature", "en": "Kind", "ru": "Вид"},
    "dates": {"fr": "Dates", "en": "Dates", "ru": "Даты"},
    "undated": {"fr": "non daté", "en": "undated", "ru": "не датировано"},
    "since": {"fr": "depuis {date}", "en": "since {date}", "ru": "с {date}"},
    "until": {"fr": "jusqu'en {date}", "en": "until {date}", "ru": "до {date}"},
    "status": {"fr": "Statut", "en": "Status", "ru": "Статус"},
    "status_unknown": {"fr": "aucune source ne l'indique", "en": "no source gives it", "ru": "источники не указывают"},
    "partner": {"fr": "Partenaire", "en": "Partner", "ru": "Партнёр"},
    "federal_subject": {"fr": "Sujet de la Fédération", "en": "Federal subject", "ru": "Субъект РФ"},
    "federal_district": {"fr": "District fédéral", "en": "Federal district", "ru": "Федеральный округ"},
    "territorial_status": {"fr": "Statut du territoire", "en": "Status of the territory", "ru": "Статус территории"},
    "claimed_country": {"fr": "pays selon cette source : {country}", "en": "country according to this source: {country}", "ru": "страна по данным этого источника: {country}"},
    "source_notes": {"fr": "Sources", "en": "Sources", "ru": "Источники"},
    "note_date": {"fr": "date donnée : {date}", "en": "date given: {date}", "ru": "указанная дата: {date}"},
    "register_ref": {"fr": "liste des sources [{n}]", "en": "list of sources [{n}]", "ru": "список источников [{n}]"},
    # --- part 2 ---
    "part2": {"fr": "Partie 2 — De la Russie vers la France", "en": "Part 2 — Russia to France", "ru": "Часть 2 — Из России во Францию"},
    "part2.text": {
        "fr": "Les partenaires russes par district fédéral, sujet de la Fédération et ville, avec leurs partenaires français et le numéro de la notice de la partie 1.",
        "en": "The Russian partners by federal district, federal subject and city, with their French partners and the number of the Part 1 entry.",
        "ru": "Российские партнёры по федеральным округам, субъектам Российской Федерации и городам — с французскими партнёрами и номером статьи в части 1.",
    },
    "without_subject": {"fr": "Hors des sujets de la Fédération de Russie dans le graphe", "en": "Outside the federal subjects of Russia in the graph", "ru": "Вне субъектов Российской Федерации в графе"},
    "without_subject.text": {
        "fr": "Le graphe ne rattache ce partenaire à aucun sujet de la Fédération ni à aucun pays. Voici ce que dit chaque source :",
        "en": "The graph places this partner in no federal subject and in no country. This is what each source says:",
        "ru": "Граф не относит этого партнёра ни к одному субъекту федерации и ни к одной стране. Вот что сообщает каждый источник:",
    },
    "russian_partner": {"fr": "Partenaire russe", "en": "Russian partner", "ru": "Российский партнёр"},
    "french_partner": {"fr": "Partenaire français", "en": "French partner", "ru": "Французский партнёр"},
    "entry": {"fr": "Notice", "en": "Entry", "ru": "Статья"},
    "page": {"fr": "p. {page}", "en": "p. {page}", "ru": "с. {page}"},
    # --- part 3 ---
    "part3": {"fr": "Partie 3 — Le groupe-pays Russie", "en": "Part 3 — The country group", "ru": "Часть 3 — Страновая группа «Россия»"},
    "part3.short": {"fr": "Partie 3 — Le groupe-pays", "en": "Part 3 — The country group", "ru": "Часть 3 — Страновая группа"},
    "group": {"fr": "Le groupe-pays Russie de Cités Unies France", "en": "The groupe-pays Russie of Cités Unies France", "ru": "Страновая группа «Россия» ассоциации Cités Unies France"},
    "created": {"fr": "Créé le {date}, lors de : {event}", "en": "Created on {date}, at: {event}", "ru": "Создана {date} на заседании: {event}"},
    "unit_of": {"fr": "Réseau", "en": "Network", "ru": "Сеть"},
    "supported_by": {"fr": "Soutenu par", "en": "Supported by", "ru": "При поддержке"},
    "president": {"fr": "Président", "en": "President", "ru": "Председатель"},
    "objectives": {"fr": "Objectifs", "en": "Objectives", "ru": "Цели"},
    "meetings": {"fr": "Les réunions du groupe-pays", "en": "The meetings of the country group", "ru": "Заседания страновой группы"},
    "rencontres": {"fr": "Les Rencontres franco-russes des collectivités territoriales", "en": "The Rencontres franco-russes des collectivités territoriales", "ru": "Франко-российские встречи органов местного самоуправления"},
    "perspectives": {"fr": "Perspectives", "en": "Perspectives", "ru": "Перспективы"},
    "perspectives.text": {
        "fr": "Ce que le groupe-pays prévoyait quand ses sources ont été écrites ; le répertoire ne dit pas ce qui s'est réalisé depuis, faute de source.",
        "en": "What the country group planned when its sources were written; the directory does not say what has happened since, for want of a source.",
        "ru": "Что планировала страновая группа на момент написания источников; что из этого осуществилось, справочник не сообщает за отсутствием источника.",
    },
    "held_on": {"fr": "Dates", "en": "Dates", "ru": "Даты"},
    "sources_differ": {"fr": "les sources divergent :", "en": "the sources disagree:", "ru": "источники расходятся:"},
    "venue": {"fr": "Lieu", "en": "Venue", "ru": "Место проведения"},
    "held_within": {"fr": "Dans le cadre de", "en": "Held within", "ru": "В рамках"},
    "figures": {"fr": "Chiffres", "en": "Figures", "ru": "Цифры"},
    "participants": {"fr": "Participants", "en": "Participants", "ru": "Участники"},
    "participant": {"fr": "Participant", "en": "Participant", "ru": "Участник"},
    "role": {"fr": "Rôle", "en": "Role", "ru": "Роль"},
    "capacity": {"fr": "À quel titre", "en": "Capacity", "ru": "В качестве"},
    "on_behalf_of": {"fr": "au nom de {who}", "en": "on behalf of {who}", "ru": "от имени {who}"},
    "workshop": {"fr": "Atelier", "en": "Workshop", "ru": "Секция"},
    "in_sub_event": {"fr": "à : {event}", "en": "at: {event}", "ru": "на мероприятии: {event}"},
    "source": {"fr": "Source", "en": "Source", "ru": "Источник"},
    "description": {"fr": "Ce qu'en dit la source", "en": "What the source says", "ru": "Что сообщает источник"},
    "no_participants": {"fr": "Aucune source ne nomme de participant.", "en": "No source names a participant.", "ru": "Ни один источник не называет участников."},
    "as_written": {"fr": "statut au moment de la source", "en": "status when the source was written", "ru": "статус на момент написания источника"},
    # --- index ---
    "index": {"fr": "Index des collectivités et des personnes", "en": "Index of authorities and persons", "ru": "Указатель органов власти и лиц"},
    "index.short": {"fr": "Index", "en": "Index", "ru": "Указатель"},
    "index.text": {
        "fr": "Toutes les collectivités et toutes les personnes du graphe, en caractères latins et cyrilliques, avec les numéros des notices de la partie 1 qui les concernent, le sujet de la Fédération sous lequel la partie 2 les range, et les réunions et Rencontres de la partie 3 où elles sont nommées. Une entrée sans renvoi est connue du graphe sans être nommée ici.",
        "en": "Every local authority and every person of the graph, in Latin and Cyrillic script, with the numbers of the Part 1 entries that concern them, the federal subject under which Part 2 lists them, and the meetings and Rencontres of Part 3 where they are named. An entry without a reference is known to the graph but not named here.",
        "ru": "Все органы местного самоуправления и все лица графа латиницей и кириллицей, с номерами статей части 1, которые их касаются, субъектом Федерации, под которым они приводятся в части 2, и заседаниями и встречами части 3, где они названы. Запись без ссылок есть в графе, но в справочнике не упоминается.",
    },
    "persons": {"fr": "Personnes", "en": "Persons", "ru": "Лица"},
    "authorities": {"fr": "Collectivités territoriales", "en": "Local authorities", "ru": "Органы местного самоуправления"},
    "no_cyrillic": {"fr": "pas de forme cyrillique vérifiée", "en": "no verified Cyrillic form", "ru": "нет проверенной формы кириллицей"},
    # --- references of the index ---
    "nos": {"fr": "n°", "en": "no.", "ru": "№"},
    "part2.ref": {"fr": "partie 2", "en": "Part 2", "ru": "часть 2"},
    "group.ref": {"fr": "le groupe-pays", "en": "the country group", "ru": "страновая группа"},
    "footer": {"fr": "coopkg — Répertoire des partenariats franco-russes", "en": "coopkg — Directory of French–Russian partnerships", "ru": "coopkg — Справочник франко-российских партнёрств"},
}


def text(key: str, lang: str, **values: object) -> str:
    """The interface text for ``key`` in ``lang``, with ``{name}`` fields filled."""
    entry = TEXT[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template
