"""Every fact of the secondary sources (secondary-sources.md), each asked in the named graph of
its own source document, plus the disagreements between sources that the graph must keep.

The store is built here from the files themselves (every ontology/*.ttl into cgraph:ontology,
every data/**/*.trig as is), so these tests check the data and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.rdf.namespaces import GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES, SOURCE

ROOT = Path(__file__).resolve().parent.parent
CURATION = GRAPH + "coopkg-curation"
CURATION_FILE = ROOT / "data" / "curation" / "secondary-entities.trig"

# The graphs of the secondary sources: slug -> (address, publisher, dct:issued or None, language).
SOURCES = {
    "s1-cr-gp-russie-2016": ("https://fr.doczz.net/doc/4600950/cr-gp-russie-05072016_v3", "doczz", None, "fr"),
    "s2-crsc-2019": (
        "https://crsc.fr/le-jumelage-et-la-coop-ration-interr-gionale-entre-la-russie-et-la-france-ont-t-discut-es-par-des-diplomates-et-des-chefs-de-villes/",
        "ru-centre-for-science-and-culture-paris", None, "fr"),
    "s3-rbth-2012": (
        "https://fr.rbth.com/articles/2012/12/19/la_france_et_la_russie_multiplient_les_partenariats_fiables_21039",
        "rbth", "2012-12-19", "fr"),
    "s4-rbth-2010": (
        "https://fr.rbth.com/articles/2010/11/02/france_russie_quand_les_regions_se_mettent_a_innover04671",
        "rbth", "2010-11-02", "fr"),
    "s5-docslib-annee-2021": (
        "https://docslib.org/doc/1942627/franco-russian-decentralized-cooperation-year-2021",
        "docslib", "2021-03-19", "en"),
    "s6-senat-r17-387": ("http://www.senat.fr/rap/r17-387-1/r17-387-111.html", "fr-senate", None, "fr"),
    "s7-lettre-diplomatique-79": (
        "https://lalettrediplomatique.fr/detailrubdetail-id-21-idrub-77-idrubprod-304-type-1/",
        "la-lettre-diplomatique", None, "fr"),
    "s8-kommersant-3447661": ("https://www.kommersant.ru/doc/3447661", "kommersant", None, "ru"),
    "s8-wikipedia-mechkov": ("https://fr.wikipedia.org/wiki/Alexe%C3%AF_Mechkov", "wikipedia", None, "fr"),
    "s8-ura-news-1052996217": ("https://ura.news/news/1052996217", "ura-ru", None, "ru"),
    "s8-secondary-notes": (None, "coopkg-editors", None, "en"),
    "s9-wbomag-bordeaux": (
        "http://www.wbomag.com/revues/echanges-internationaux/france-russie/HTML/files/assets/basic-html/page127.html",
        "wbomag", None, "fr"),
    "s9-rusoch-journees-de-moscou": ("https://rusoch.fr/fr/politique/nitstsa-prinyala-dni-moskvy.html", "rusoch", None, "fr"),
    "s9-info-mediterranee-nice-yalta": ("https://www.info-mediterranee.com/fr/journees-de-moscou-a-nice/", "info-mediterranee", None, "fr"),
}
LANGUAGES = {"fr": "FRA", "en": "ENG", "ru": "RUS"}

# One line per fact: subject | predicate (or property path) | the exact set of objects in that
# graph, as SPARQL terms; an empty third column says the property is absent from that graph.
FACTS = {
    "s1-cr-gp-russie-2016": """
event:groupe-pays-russie-meeting-3 | rdf:type | coop:Meeting
event:groupe-pays-russie-meeting-3 | schema:superEvent | event:groupe-pays-russie-meetings
event:groupe-pays-russie-meeting-3 | coop:editionNumber | "3"^^xsd:positiveInteger
event:groupe-pays-russie-meeting-3 | schema:startDate | "2016-07-05"^^xsd:date
event:groupe-pays-russie-meeting-3 | schema:endDate | "2016-07-05"^^xsd:date
event:groupe-pays-russie-meeting-3 | schema:location | place:palais-des-congres-de-paris
event:groupe-pays-russie-meeting-3 | coop:city | place:fr-paris
event:groupe-pays-russie-meeting-3 | coop:eventStatus | status:held
place:palais-des-congres-de-paris | skos:altLabel | "Palais des Congrès de Paris"@fr
person:p0101 | skos:altLabel | "Rudy Salles"@fr
post:p0101-member-of-parliament-alpes-maritimes | org:member | person:p0101
post:p0101-member-of-parliament-alpes-maritimes | org:organization | organisation:fr-national-assembly
post:p0101-member-of-parliament-alpes-maritimes | org:role | role:member-of-parliament
post:p0101-member-of-parliament-alpes-maritimes | dct:spatial | place:fr-departement-06
post:p0101-member-of-parliament-alpes-maritimes | coop:postTitle | "deputy for Alpes-Maritimes"@en
post:p0101-deputy-mayor-of-nice | org:member | person:p0101
post:p0101-deputy-mayor-of-nice | org:organization | auth:fr-nice
post:p0101-deputy-mayor-of-nice | org:role | role:deputy-mayor
post:p0101-deputy-mayor-of-nice | coop:postTitle | "deputy mayor of Nice for international relations and tourism"@en
participation:groupe-pays-russie-meeting-3-p0101 | rdf:type | coop:Participation
participation:groupe-pays-russie-meeting-3-p0101 | coop:participant | person:p0101
participation:groupe-pays-russie-meeting-3-p0101 | coop:inEvent | event:groupe-pays-russie-meeting-3
participation:groupe-pays-russie-meeting-3-p0101 | coop:participationRole | prole:acting-chair
participation:groupe-pays-russie-meeting-3-p0101 | coop:inCapacity | post:p0101-member-of-parliament-alpes-maritimes post:p0101-deputy-mayor-of-nice
person:p0102 | skos:altLabel | "Christian Estrosi"@fr
post:p0102-president-of-groupe-pays-russie | org:member | person:p0102
post:p0102-president-of-groupe-pays-russie | org:organization | organisation:cuf-groupe-pays-russie
post:p0102-president-of-groupe-pays-russie | org:role | role:president
post:p0102-president-of-groupe-pays-russie | coop:postTitle | "president of the groupe-pays Russie"@en
post:p0102-president-of-metropole-nice-cote-d-azur | coop:postTitle | "president of the Métropole Nice Côte d'Azur"@en
post:p0102-president-of-region-provence-alpes-cote-d-azur | coop:postTitle | "president of the Région Provence-Alpes-Côte d'Azur"@en
post:p0102-president-of-metropole-nice-cote-d-azur | org:member | person:p0102
post:p0102-president-of-metropole-nice-cote-d-azur | org:organization | auth:fr-epci-200030195
post:p0102-president-of-metropole-nice-cote-d-azur | org:role | role:president
post:p0102-president-of-region-provence-alpes-cote-d-azur | org:member | person:p0102
post:p0102-president-of-region-provence-alpes-cote-d-azur | org:organization | auth:fr-region-93
post:p0102-president-of-region-provence-alpes-cote-d-azur | org:role | role:president
participation:groupe-pays-russie-meeting-3-p0102 | coop:participant | person:p0102
participation:groupe-pays-russie-meeting-3-p0102 | coop:inEvent | event:groupe-pays-russie-meeting-3
participation:groupe-pays-russie-meeting-3-p0102 | coop:participationRole | prole:excused
participation:groupe-pays-russie-meeting-3-p0102 | coop:inCapacity | post:p0102-president-of-groupe-pays-russie
person:p0103 | skos:altLabel | "Alexandre Orlov"@fr
post:p0103-ambassador-of-russia-to-france | org:member | person:p0103
post:p0103-ambassador-of-russia-to-france | org:organization | organisation:ru-embassy-in-france
post:p0103-ambassador-of-russia-to-france | org:role | role:ambassador
post:p0103-ambassador-of-russia-to-france | coop:postTitle | "ambassador of the Russian Federation to France"@en
participation:groupe-pays-russie-meeting-3-p0103 | coop:participant | person:p0103
participation:groupe-pays-russie-meeting-3-p0103 | coop:inEvent | event:groupe-pays-russie-meeting-3
participation:groupe-pays-russie-meeting-3-p0103 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-3-p0103 | coop:inCapacity | post:p0103-ambassador-of-russia-to-france
person:p0001 | skos:altLabel | "Alexandre Tsyboulski"@fr
post:p0001-vice-minister-of-economic-development | org:organization | organisation:ru-ministry-of-economic-development
post:p0001-vice-minister-of-economic-development | coop:postTitle | "Russian vice-minister of economic development"@en
participation:groupe-pays-russie-meeting-3-p0001 | coop:participant | person:p0001
participation:groupe-pays-russie-meeting-3-p0001 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-3-p0001 | coop:inCapacity | post:p0001-vice-minister-of-economic-development
person:p0104 | skos:altLabel | "Bertrand Fort"@fr
organisation:fr-meae | skos:altLabel | "Ministère des Affaires étrangères et du Développement international"@fr
organisation:fr-daect | org:unitOf | organisation:fr-meae
post:p0104-delegate-for-external-action-of-local-authorities | org:member | person:p0104
post:p0104-delegate-for-external-action-of-local-authorities | org:organization | organisation:fr-daect
post:p0104-delegate-for-external-action-of-local-authorities | org:role | role:delegate
post:p0104-delegate-for-external-action-of-local-authorities | coop:postTitle | "delegate for the external action of local authorities (DAECT), Ministère des Affaires étrangères et du Développement international"@en
participation:groupe-pays-russie-meeting-3-p0104 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-3-p0104 | coop:participant | person:p0104
participation:groupe-pays-russie-meeting-3-p0104 | coop:inCapacity | post:p0104-delegate-for-external-action-of-local-authorities
person:p0105 | skos:altLabel | "Zinaida Neyarokhina"@fr
post:p0105-chair-of-city-council-of-rostov-on-don | org:member | person:p0105
post:p0105-chair-of-city-council-of-rostov-on-don | org:organization | auth:ru-rostov-on-don
post:p0105-chair-of-city-council-of-rostov-on-don | org:role | role:council-chair
post:p0105-chair-of-city-council-of-rostov-on-don | coop:postTitle | "chair of the city council of Rostov-on-Don"@en
participation:groupe-pays-russie-meeting-3-p0105 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-3-p0105 | coop:participant | person:p0105
participation:groupe-pays-russie-meeting-3-p0105 | coop:inCapacity | post:p0105-chair-of-city-council-of-rostov-on-don
person:p0106 | skos:altLabel | "Ikander Ioussoupov"@fr
post:p0106-minister-representative-of-the-republic-of-tatarstan | org:member | person:p0106
post:p0106-minister-representative-of-the-republic-of-tatarstan | org:organization | auth:ru-republic-of-tatarstan
post:p0106-minister-representative-of-the-republic-of-tatarstan | org:role | role:minister-representative
post:p0106-minister-representative-of-the-republic-of-tatarstan | coop:postTitle | "minister-representative of the Republic of Tatarstan"@en
participation:groupe-pays-russie-meeting-3-p0106 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-3-p0106 | coop:participant | person:p0106
participation:groupe-pays-russie-meeting-3-p0106 | coop:inCapacity | post:p0106-minister-representative-of-the-republic-of-tatarstan
event:journees-de-moscou-nice-2016 | rdf:type | coop:CulturalEvent
event:journees-de-moscou-nice-2016 | schema:superEvent | event:journees-de-moscou-nice
event:journees-de-moscou-nice-2016 | dct:date | "2016-06"^^xsd:gYearMonth
event:journees-de-moscou-nice-2016 | coop:city | place:fr-nice
event:journees-de-moscou-nice-2016 | schema:organizer | auth:fr-nice
event:journees-de-moscou-nice-2016 | coop:eventStatus | status:held
event:journees-de-moscou-nice-2016 | skos:altLabel | "Journées de Moscou"@fr
event:journees-de-moscou-nice-2016 | coop:editionNumber |
""",
    "s2-crsc-2019": """
event:groupe-pays-russie-meeting-5 | coop:editionNumber | "5"^^xsd:positiveInteger
event:groupe-pays-russie-meeting-5 | coop:eventStatus | status:held
event:groupe-pays-russie-meeting-5 | schema:startDate | "2019-07-03"^^xsd:date
event:groupe-pays-russie-meeting-5 | schema:endDate | "2019-07-03"^^xsd:date
event:groupe-pays-russie-meeting-5 | schema:location | place:parc-de-la-villette
event:groupe-pays-russie-meeting-5 | coop:city | place:fr-paris
event:groupe-pays-russie-meeting-5 | dct:subject | theme:decentralised-cooperation theme:interregional-cooperation theme:intermunicipal-cooperation
place:parc-de-la-villette | schema:containedInPlace | place:fr-paris
event:st-petersburg-international-cultural-forum-2020 | rdf:type | coop:Forum
event:st-petersburg-international-cultural-forum-2020 | schema:superEvent | event:st-petersburg-international-cultural-forum
event:st-petersburg-international-cultural-forum-2020 | coop:city | place:ru-saint-petersburg
event:st-petersburg-international-cultural-forum-2020 | dct:date | "2020"^^xsd:gYear
event:st-petersburg-international-cultural-forum-2020 | coop:eventStatus | status:planned
event:st-petersburg-international-cultural-forum-2020-round-table | schema:superEvent | event:st-petersburg-international-cultural-forum-2020
event:st-petersburg-international-cultural-forum-2020-round-table | coop:eventStatus | status:planned
event:st-petersburg-international-cultural-forum-2020-round-table | dct:date | "2020"^^xsd:gYear
event:st-petersburg-international-cultural-forum-2020-round-table | schema:subjectOf | event:groupe-pays-russie-meeting-5
event:annee-croisee-2021 | schema:subjectOf | event:groupe-pays-russie-meeting-5
event:annee-croisee-2021 | dct:subject | theme:interregional-cooperation theme:intermunicipal-cooperation
event:annee-croisee-2021 | skos:altLabel | "2021 cross year of interregional and intermunicipal cooperation"@en
person:p0002 | skos:altLabel | "Mikhaïl Chvydkoï"@fr
post:p0002-special-representative-for-international-cultural-cooperation | org:organization | organisation:ru-presidency
post:p0002-special-representative-for-international-cultural-cooperation | coop:postTitle | "special representative of the President of the Russian Federation for international cultural cooperation"@en
participation:groupe-pays-russie-meeting-5-p0002 | coop:participant | person:p0002
participation:groupe-pays-russie-meeting-5-p0002 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-5-p0002 | coop:inCapacity | post:p0002-special-representative-for-international-cultural-cooperation
person:p0003 | skos:altLabel | "Alexeï Meshkov"@fr
post:p0003-ambassador-of-russia-to-france | coop:postTitle | "ambassador of Russia to France"@en
participation:groupe-pays-russie-meeting-5-p0003 | coop:participant | person:p0003
participation:groupe-pays-russie-meeting-5-p0003 | coop:inCapacity | post:p0003-ambassador-of-russia-to-france
person:p0107 | skos:altLabel | "Christine Moro"@fr
post:p0107-ambassador-daect | org:member | person:p0107
post:p0107-ambassador-daect | org:organization | organisation:fr-daect
post:p0107-ambassador-daect | org:role | role:ambassador
post:p0107-ambassador-daect | coop:postTitle | "ambassador, DAECT, French Ministry for Europe and Foreign Affairs"@en
participation:groupe-pays-russie-meeting-5-p0107 | coop:participant | person:p0107
participation:groupe-pays-russie-meeting-5-p0107 | coop:inEvent | event:groupe-pays-russie-meeting-5
participation:groupe-pays-russie-meeting-5-p0107 | coop:inCapacity | post:p0107-ambassador-daect
person:p0108 | skos:altLabel | "Roland Ries"@fr
post:p0108-mayor-of-strasbourg | org:member | person:p0108
post:p0108-mayor-of-strasbourg | org:organization | auth:fr-strasbourg
post:p0108-mayor-of-strasbourg | org:role | role:mayor
post:p0108-president-of-cites-unies-france | org:member | person:p0108
post:p0108-president-of-cites-unies-france | org:organization | organisation:cites-unies-france
post:p0108-president-of-cites-unies-france | org:role | role:president
participation:groupe-pays-russie-meeting-5-p0108 | coop:participant | person:p0108
participation:groupe-pays-russie-meeting-5-p0108 | coop:participationRole | prole:participant
post:p0108-mayor-of-strasbourg | coop:postTitle | "mayor of Strasbourg"@en
post:p0108-president-of-cites-unies-france | coop:postTitle | "president of Cités Unies France"@en
participation:groupe-pays-russie-meeting-5-p0108 | coop:inCapacity | post:p0108-mayor-of-strasbourg post:p0108-president-of-cites-unies-france
person:p0101 | skos:altLabel | "Rudy Salles"@fr
post:p0101-deputy-mayor-of-nice | coop:postTitle | "deputy mayor of Nice"@en
participation:groupe-pays-russie-meeting-5-p0101 | coop:participant | person:p0101
participation:groupe-pays-russie-meeting-5-p0101 | coop:inEvent | event:groupe-pays-russie-meeting-5
participation:groupe-pays-russie-meeting-5-p0101 | coop:participationRole | prole:participant
participation:groupe-pays-russie-meeting-5-p0101 | coop:inCapacity | post:p0101-deputy-mayor-of-nice
person:p0005 | skos:altLabel | "Konstantin Volkov"@fr
post:p0005-director-of-the-russian-centre-for-science-and-culture-paris | org:organization | organisation:ru-centre-for-science-and-culture-paris
post:p0005-director-of-the-russian-centre-for-science-and-culture-paris | coop:postTitle | "director of the Russian Centre for Science and Culture in Paris"@en
participation:groupe-pays-russie-meeting-5-p0005 | coop:participant | person:p0005
participation:groupe-pays-russie-meeting-5-p0005 | coop:inCapacity | post:p0005-director-of-the-russian-centre-for-science-and-culture-paris
""",
    "s3-rbth-2012": """
event:rencontre-franco-russe-4 | schema:startDate | "2012-12-13"^^xsd:date
event:rencontre-franco-russe-4 | schema:endDate | "2012-12-15"^^xsd:date
event:rencontre-franco-russe-4 | schema:location | place:palais-des-congres-nice-acropolis
event:rencontre-franco-russe-4 | coop:city | place:fr-nice
event:rencontre-franco-russe-4 | coop:eventStatus | status:held
event:rencontre-franco-russe-4 | dct:subject | theme:innovation theme:urban-planning theme:culture theme:tourism theme:attractiveness theme:urban-development theme:major-events
event:rencontre-franco-russe-4 | coop:hasCount | count:rencontre-franco-russe-4-delegations-s3-rbth-2012 count:rencontre-franco-russe-4-workshops-s3-rbth-2012
place:palais-des-congres-nice-acropolis | schema:containedInPlace | place:fr-nice
count:rencontre-franco-russe-4-delegations-s3-rbth-2012 | coop:countOf | ckind:delegations
count:rencontre-franco-russe-4-delegations-s3-rbth-2012 | schema:value | "40"^^xsd:nonNegativeInteger
count:rencontre-franco-russe-4-delegations-s3-rbth-2012 | coop:precision | precision:more-than
count:rencontre-franco-russe-4-workshops-s3-rbth-2012 | coop:countOf | ckind:workshops
count:rencontre-franco-russe-4-workshops-s3-rbth-2012 | schema:value | "4"^^xsd:nonNegativeInteger
count:rencontre-franco-russe-4-workshops-s3-rbth-2012 | coop:precision | precision:exact
participation:rencontre-franco-russe-4-p0101 | coop:participant | person:p0101
participation:rencontre-franco-russe-4-p0101 | coop:participationRole | prole:host
participation:rencontre-franco-russe-4-p0101 | coop:inCapacity | post:p0101-deputy-mayor-of-nice
participation:rencontre-franco-russe-4-p0101 | coop:onBehalfOf | auth:fr-nice
participation:rencontre-franco-russe-4-p0101 | coop:inEvent | event:rencontre-franco-russe-4
person:p0101 | skos:altLabel | "Rudy Salles"@fr
count:rencontre-franco-russe-4-delegations-s3-rbth-2012 | coop:countSubject | event:rencontre-franco-russe-4
""",
    "s4-rbth-2010": """
event:rencontre-franco-russe-3 | schema:startDate | "2010-11-26"^^xsd:date
event:rencontre-franco-russe-3 | schema:endDate | "2010-11-27"^^xsd:date
event:rencontre-franco-russe-3 | coop:eventStatus | status:planned
event:rencontre-franco-russe-3 | coop:city | place:fr-strasbourg
event:rencontre-franco-russe-3 | dct:subject | theme:innovation
count:rencontre-franco-russe-3-local-authorities-s4-rbth-2010 | coop:countSubject | event:rencontre-franco-russe-3
count:rencontre-franco-russe-3-local-authorities-s4-rbth-2010 | coop:countOf | ckind:local-authorities
count:rencontre-franco-russe-3-local-authorities-s4-rbth-2010 | schema:value | "70"^^xsd:nonNegativeInteger
count:rencontre-franco-russe-3-local-authorities-s4-rbth-2010 | coop:precision | precision:about
event:rencontre-franco-russe-1 | dct:date | "2008-11"^^xsd:gYearMonth
event:rencontre-franco-russe-1 | coop:city | place:ru-moscow
event:rencontre-franco-russe-1 | dct:subject | theme:tourism
event:rencontre-franco-russe-1 | coop:eventStatus | status:held
event:rencontre-franco-russe-1 | schema:startDate |
event:rencontre-franco-russe-2 | dct:date | "2009-11"^^xsd:gYearMonth
event:rencontre-franco-russe-2 | coop:city | place:ru-saint-petersburg
event:rencontre-franco-russe-2 | dct:subject | theme:urban-services
event:rencontre-franco-russe-2 | coop:hasCount | count:rencontre-franco-russe-2-participants-s4-rbth-2010
count:rencontre-franco-russe-2-participants-s4-rbth-2010 | coop:countOf | ckind:participants
count:rencontre-franco-russe-2-participants-s4-rbth-2010 | schema:value | "250"^^xsd:nonNegativeInteger
count:rencontre-franco-russe-2-participants-s4-rbth-2010 | coop:precision | precision:more-than
person:p0109 | skos:altLabel | "Pierre Pougnaud"@fr
post:p0109-technical-adviser-daect | org:member | person:p0109
post:p0109-technical-adviser-daect | org:organization | organisation:fr-daect
post:p0109-technical-adviser-daect | org:role | role:technical-adviser
post:p0109-technical-adviser-daect | coop:postTitle | "technical adviser at the DAECT (French foreign ministry)"@en
count:fr-ru-cooperation-local-authorities-s4-rbth-2010 | dct:date | "2010-11-02"^^xsd:date
csrc:s4-rbth-2010 | dct:references | person:p0109
count:fr-ru-cooperation-inter-university-partnerships-s4-rbth-2010 | coop:countSubject | history:franco-russian-decentralised-cooperation
count:fr-ru-cooperation-inter-university-partnerships-s4-rbth-2010 | coop:countOf | ckind:inter-university-partnerships
count:fr-ru-cooperation-inter-university-partnerships-s4-rbth-2010 | schema:value | "250"^^xsd:nonNegativeInteger
count:fr-ru-cooperation-inter-university-partnerships-s4-rbth-2010 | coop:precision | precision:about
count:fr-ru-cooperation-local-authorities-s4-rbth-2010 | coop:countSubject | history:franco-russian-decentralised-cooperation
count:fr-ru-cooperation-local-authorities-s4-rbth-2010 | coop:countOf | ckind:local-authorities
count:fr-ru-cooperation-local-authorities-s4-rbth-2010 | schema:value | "70"^^xsd:nonNegativeInteger
count:fr-ru-cooperation-local-authorities-s4-rbth-2010 | coop:precision | precision:about
""",
    "s5-docslib-annee-2021": """
event:annee-croisee-2021 | dct:date | "2021"^^xsd:gYear
event:annee-croisee-2021 | skos:altLabel | "Franco-Russian Decentralised Cooperation Year"@en
event:annee-croisee-2021 | dct:subject | theme:partnerships-twinning theme:academic-cooperation theme:research theme:culture theme:education theme:economy theme:tourism theme:environment theme:sport
event:rencontre-franco-russe-5 | coop:heldWithin | event:annee-croisee-2021
event:rencontre-franco-russe-5 | coop:eventStatus | status:planned
event:rencontre-franco-russe-5 | dct:date | "2021"^^xsd:gYear
event:rencontre-franco-russe-5 | coop:editionNumber | "5"^^xsd:positiveInteger
event:rencontre-franco-russe-5 | schema:superEvent | event:rencontres-franco-russes
partnership:cooperation-auvergne-rhone-alpes-irkutsk | coop:partnershipKind | pkind:partnership
event:rencontre-franco-russe-4 | coop:city | place:fr-nice
event:rencontre-franco-russe-4 | dct:date | "2012"^^xsd:gYear
partnership:cooperation-auvergne-rhone-alpes-irkutsk | rdf:type | coop:Partnership
partnership:cooperation-auvergne-rhone-alpes-irkutsk | coop:partner | auth:fr-region-84 auth:ru-irkutsk
partnership:cooperation-auvergne-rhone-alpes-irkutsk | dct:subject | theme:tourism theme:gastronomy
partnership:cooperation-auvergne-rhone-alpes-irkutsk | schema:subjectOf | event:annee-croisee-2021
partnership:cooperation-dijon-volgograd | coop:partner | auth:fr-dijon auth:ru-volgograd
partnership:cooperation-dijon-volgograd | coop:partnershipKind | pkind:partnership
partnership:cooperation-dijon-volgograd | schema:subjectOf | event:annee-croisee-2021
""",
    "s6-senat-r17-387": """
count:fr-ru-partnerships-s6-senat-r17-387 | coop:countSubject | history:franco-russian-decentralised-cooperation
count:fr-ru-partnerships-s6-senat-r17-387 | coop:countOf | ckind:partnerships
count:fr-ru-partnerships-s6-senat-r17-387 | schema:value | "40"^^xsd:nonNegativeInteger
count:fr-ru-partnerships-s6-senat-r17-387 | coop:precision | precision:about
count:fr-ru-partnerships-s6-senat-r17-387 | dct:date | "2018"^^xsd:gYear
count:fr-ru-active-partnerships-s6-senat-r17-387 | schema:value |
count:fr-ru-active-partnerships-s6-senat-r17-387 | coop:share | "0.5"^^xsd:decimal
count:fr-ru-active-partnerships-s6-senat-r17-387 | coop:shareOf | count:fr-ru-partnerships-s6-senat-r17-387
count:fr-ru-active-partnerships-s6-senat-r17-387 | coop:precision | precision:fewer-than
count:fr-ru-active-partnerships-s6-senat-r17-387 | coop:countOf | ckind:active-partnerships
count:fr-ru-active-partnerships-s6-senat-r17-387 | dct:date | "2018"^^xsd:gYear
organisation:fr-cncd | skos:altLabel | "CNCD"@fr
organisation:fr-daect | org:unitOf | organisation:fr-meae
csrc:s6-senat-r17-387 | dct:references | organisation:fr-daect organisation:fr-cncd organisation:cites-unies-france organisation:ru-ministry-of-economic-development
""",
    "s7-lettre-diplomatique-79": """
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | coop:countSubject | history:franco-russian-decentralised-cooperation
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | coop:countOf | ckind:twinnings
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | schema:value | "60"^^xsd:nonNegativeInteger
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | coop:precision | precision:just-over
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | dct:date | "2007"^^xsd:gYear
count:fr-ru-twinnings-s7-lettre-diplomatique-79 | dct:subject | theme:culture theme:education theme:sport
""",
    "s8-kommersant-3447661": """
person:p0003 | skos:altLabel | "Алексей Юрьевич Мешков"@ru
post:p0003-ambassador-of-russia-to-france | org:memberDuring/time:hasBeginning/time:inXSDDate | "2017-10-23"^^xsd:date
post:p0003-ambassador-of-russia-to-monaco | org:memberDuring/time:hasBeginning/time:inXSDDate | "2017-10-23"^^xsd:date
post:p0003-ambassador-of-russia-to-france | schema:startDate |
post:p0003-ambassador-of-russia-to-monaco | org:member | person:p0003
post:p0003-ambassador-of-russia-to-monaco | org:role | role:ambassador
post:p0003-ambassador-of-russia-to-france | org:memberDuring/time:hasEnd |
post:p0003-vice-minister-of-foreign-affairs | org:organization | organisation:ru-ministry-of-foreign-affairs
post:p0003-vice-minister-of-foreign-affairs | org:role | role:vice-minister-foreign-affairs
post:p0003-vice-minister-of-foreign-affairs | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2012"^^xsd:gYear
post:p0003-vice-minister-of-foreign-affairs | org:memberDuring/time:hasEnd/time:inXSDgYear | "2017"^^xsd:gYear
post:p0003-vice-minister-of-foreign-affairs | schema:startDate |
post:p0103-ambassador-of-russia-to-france | org:member | person:p0103
post:p0103-ambassador-of-russia-to-france | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2008"^^xsd:gYear
post:p0103-ambassador-of-russia-to-france | org:memberDuring/time:hasEnd |
post:p0103-ambassador-of-russia-to-france | schema:startDate |
""",
    "s8-wikipedia-mechkov": """
person:p0003 | skos:altLabel | "Alexeï Iourievitch Mechkov"@fr "Alexeï Mechkov"@fr
post:p0003-ambassador-of-russia-to-france | org:memberDuring/time:hasBeginning/time:inXSDDate | "2017-10-23"^^xsd:date
post:p0003-vice-minister-of-foreign-affairs | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2012"^^xsd:gYear
post:p0003-vice-minister-of-foreign-affairs | org:memberDuring/time:hasEnd/time:inXSDgYear | "2017"^^xsd:gYear
post:p0103-ambassador-of-russia-to-france | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2008"^^xsd:gYear
post:p0103-ambassador-of-russia-to-france | org:memberDuring/time:hasEnd |
""",
    "s8-ura-news-1052996217": """
person:p0001 | skos:altLabel | "Александр Витальевич Цыбульский"@ru
person:p0001 | schema:birthDate |
person:p0001 | skos:note |
post:p0001-vice-minister-of-economic-development | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2014"^^xsd:gYear
post:p0001-vice-minister-of-economic-development | org:memberDuring/time:hasEnd/time:inXSDgYear | "2017"^^xsd:gYear
post:p0001-governor-of-nenets-autonomous-okrug | org:member | person:p0001
post:p0001-governor-of-nenets-autonomous-okrug | org:organization | auth:ru-nenets-autonomous-okrug
post:p0001-governor-of-nenets-autonomous-okrug | org:role | role:governor
post:p0001-governor-of-arkhangelsk-oblast | org:member | person:p0001
post:p0001-governor-of-arkhangelsk-oblast | org:organization | auth:ru-arkhangelsk-oblast
post:p0001-governor-of-arkhangelsk-oblast | org:role | role:governor
""",
    "s8-secondary-notes": """
person:p0001 | skos:altLabel | "Alexander Tsybulsky"@en
person:p0003 | skos:altLabel | "Aleksey Meshkov"@en
person:p0002 | skos:altLabel | "Mikhaïl Chvydkoï"@fr "Mikhail Shvydkoy"@en "Михаил Ефимович Швыдкой"@ru
post:p0002-special-representative-for-international-cultural-cooperation | org:memberDuring/time:hasBeginning/time:inXSDgYear | "2008"^^xsd:gYear
post:p0002-special-representative-for-international-cultural-cooperation | org:memberDuring/time:hasEnd/time:inXSDgYear |
person:p0005 | skos:altLabel | "Konstantin Volkov"@en "Константин Михайлович Волков"@ru
organisation:ru-centre-for-science-and-culture-paris | skos:altLabel | "Maison russe des sciences et de la culture"@fr
person:p0004 | skos:altLabel | "Mikhaïl Makarov"@fr
post:p0004-trade-representative-of-russia-in-france | org:organization | organisation:ru-trade-representation-in-france
""",
    "s9-wbomag-bordeaux": """
partnership:twinning-bordeaux-saint-petersburg | rdf:type | coop:Partnership
partnership:twinning-bordeaux-saint-petersburg | coop:partner | auth:fr-bordeaux auth:ru-saint-petersburg
partnership:twinning-bordeaux-saint-petersburg | coop:partnershipKind | pkind:twinning
partnership:twinning-bordeaux-saint-petersburg | dct:date | "1992"^^xsd:gYear
""",
    "s9-rusoch-journees-de-moscou": """
event:journees-de-moscou-nice-2018 | schema:superEvent | event:journees-de-moscou-nice
event:journees-de-moscou-nice-2018 | coop:editionNumber | "2"^^xsd:positiveInteger
event:journees-de-moscou-nice-2018 | schema:startDate | "2018-06-13"^^xsd:date
event:journees-de-moscou-nice-2018 | schema:endDate | "2018-06-14"^^xsd:date
event:journees-de-moscou-nice-2018 | coop:city | place:fr-nice
partnership:mou-nice-moscow | coop:partner | auth:fr-nice auth:ru-moscow
partnership:mou-nice-moscow | coop:partnershipKind | pkind:memorandum-of-understanding
partnership:mou-nice-moscow | dct:date | "2016"^^xsd:gYear
event:journees-de-moscou-nice-2018 | coop:eventStatus | status:held
event:journees-de-moscou-nice-2018 | rdf:type | coop:CulturalEvent
""",
    "s9-info-mediterranee-nice-yalta": """
partnership:letter-of-intent-nice-yalta | coop:partner | auth:fr-nice auth:yalta
partnership:letter-of-intent-nice-yalta | coop:partnershipKind | pkind:letter-of-intent
partnership:letter-of-intent-nice-yalta | dct:date | "2016-02-29"^^xsd:date
partnership:letter-of-intent-nice-yalta | rdf:type | coop:Partnership
auth:yalta | coop:country |
place:yalta | coop:country |
auth:yalta | coop:territorialStatusNote | "Yalta is in Crimea, internationally recognised as part of Ukraine."@en "Yalta se trouve en Crimée, internationalement reconnue comme partie de l'Ukraine."@fr
place:yalta | coop:territorialStatusNote | "Yalta is in Crimea, internationally recognised as part of Ukraine."@en "Yalta se trouve en Crimée, internationalement reconnue comme partie de l'Ukraine."@fr
place:crimea | coop:territorialStatusNote | "Crimea is internationally recognised as part of Ukraine."@en "La Crimée est internationalement reconnue comme partie de l'Ukraine."@fr
auth:yalta | coop:claimedCountry | country:ua
place:yalta | coop:claimedCountry | country:ua
place:crimea | coop:claimedCountry | country:ua
place:yalta | schema:containedInPlace | place:crimea
auth:yalta | skos:prefLabel |
place:yalta | skos:prefLabel |
place:crimea | skos:prefLabel |
""",
}

# Facts kept as the source's wording: graph, subject, property, words the English text contains.
WORDINGS = [
    ("s1-cr-gp-russie-2016", "participation:groupe-pays-russie-meeting-3-p0101", "skos:note", "standing in for the president of the groupe-pays Russie, Christian Estrosi, who was excused"),
    ("s2-crsc-2019", "event:groupe-pays-russie-meeting-5", "schema:description", "a round table at the St Petersburg International Cultural Forum 2020"),
    ("s3-rbth-2012", "event:rencontre-franco-russe-4", "schema:description", "Sochi 2014"),
    ("s3-rbth-2012", "participation:rencontre-franco-russe-4-p0101", "skos:note", "Welcomed the guests"),
    ("s4-rbth-2010", "count:fr-ru-cooperation-local-authorities-s4-rbth-2010", "skos:note", "links to Russia"),
    ("s5-docslib-annee-2021", "event:annee-croisee-2021", "schema:description", "Both governments made 2021"),
    ("s5-docslib-annee-2021", "partnership:cooperation-dijon-volgograd", "skos:note", "strengthening their partnership"),
    ("s6-senat-r17-387", "count:fr-ru-partnerships-s6-senat-r17-387", "skos:note", "About forty partnerships"),
    ("s7-lettre-diplomatique-79", "count:fr-ru-twinnings-s7-lettre-diplomatique-79", "skos:note", "mostly between cities, many from the Soviet era or the early 1990s; mostly cultural, educational and sporting"),
    ("s8-kommersant-3447661", "post:p0103-ambassador-of-russia-to-france", "skos:note", "Ambassador since 2008"),
    ("s8-wikipedia-mechkov", "post:p0003-ambassador-of-russia-to-france", "skos:note", "Succeeded Alexandre Orlov"),
    ("s8-ura-news-1052996217", "post:p0001-governor-of-nenets-autonomous-okrug", "skos:note", "before that of governor of Arkhangelsk Oblast"),
    ("s8-secondary-notes", "person:p0004", "skos:note", "No Cyrillic form"),
    ("s9-wbomag-bordeaux", "partnership:twinning-bordeaux-saint-petersburg", "skos:note", "made their twinning official in 1992"),
    ("s9-rusoch-journees-de-moscou", "partnership:mou-nice-moscow", "skos:note", "memorandum of understanding and cooperation"),
]

# Local authorities named among the delegations of the 4th Rencontre (S3).
S3_AUTHORITIES = [
    "ru-yekaterinburg", "ru-volgograd", "ru-nizhny-novgorod", "ru-vologda", "ru-togliatti",
    "ru-republic-of-tatarstan", "ru-altai-krai", "fr-former-region-champagne-ardenne",
    "fr-former-region-franche-comte", "fr-nice", "fr-bordeaux", "fr-angouleme", "fr-chartres",
    "fr-aix-en-provence", "fr-marseille", "fr-strasbourg",
]

# Things described in data/curation/secondary-entities.trig (typed there), with the languages of
# their preferred labels.
FR_EN = ("fr", "en")
FR_EN_RU = ("fr", "en", "ru")
ENTITIES = {
    "person/p0101": FR_EN, "person/p0102": FR_EN, "person/p0103": FR_EN_RU,
    "person/p0104": FR_EN, "person/p0105": FR_EN_RU, "person/p0106": FR_EN,
    "person/p0107": FR_EN, "person/p0108": FR_EN, "person/p0109": FR_EN,
    "org/fr-daect": FR_EN, "org/fr-cncd": FR_EN, "org/fr-senate": FR_EN,
    "org/fr-national-assembly": FR_EN, "org/ru-ministry-of-foreign-affairs": FR_EN_RU,
    "org/rbth": FR_EN_RU, "org/kommersant": FR_EN_RU, "org/ura-ru": FR_EN_RU,
    "org/la-lettre-diplomatique": FR_EN, "org/wikipedia": FR_EN_RU, "org/doczz": FR_EN,
    "org/docslib": FR_EN, "org/wbomag": FR_EN, "org/rusoch": FR_EN, "org/info-mediterranee": FR_EN,
    "place/palais-des-congres-de-paris": FR_EN, "place/parc-de-la-villette": FR_EN,
    "place/palais-des-congres-nice-acropolis": FR_EN,
    "event/journees-de-moscou-nice": FR_EN_RU, "event/journees-de-moscou-nice-2016": FR_EN_RU,
    "event/journees-de-moscou-nice-2018": FR_EN_RU,
    "event/st-petersburg-international-cultural-forum": FR_EN_RU,
    "event/st-petersburg-international-cultural-forum-2020": FR_EN_RU,
    "event/st-petersburg-international-cultural-forum-2020-round-table": FR_EN_RU,
}
# Statements that only the secondary sources make and that are things of their own (posts,
# participations, counts, partnerships): typed in the source graphs, named in the curation file.
STATEMENTS = {
    f"post/{slug}": FR_EN for slug in (
        "p0101-member-of-parliament-alpes-maritimes", "p0101-deputy-mayor-of-nice",
        "p0102-president-of-groupe-pays-russie", "p0102-president-of-metropole-nice-cote-d-azur",
        "p0102-president-of-region-provence-alpes-cote-d-azur", "p0103-ambassador-of-russia-to-france",
        "p0104-delegate-for-external-action-of-local-authorities",
        "p0105-chair-of-city-council-of-rostov-on-don",
        "p0106-minister-representative-of-the-republic-of-tatarstan", "p0107-ambassador-daect",
        "p0108-mayor-of-strasbourg", "p0108-president-of-cites-unies-france",
        "p0109-technical-adviser-daect", "p0003-ambassador-of-russia-to-monaco",
        "p0003-vice-minister-of-foreign-affairs", "p0001-governor-of-nenets-autonomous-okrug",
        "p0001-governor-of-arkhangelsk-oblast")
} | {
    f"participation/{slug}": FR_EN for slug in (
        [f"groupe-pays-russie-meeting-3-p010{n}" for n in range(1, 7)]
        + ["groupe-pays-russie-meeting-5-p0101", "groupe-pays-russie-meeting-5-p0107",
           "groupe-pays-russie-meeting-5-p0108", "rencontre-franco-russe-4-p0101"]
        + [f"rencontre-franco-russe-4-{a}" for a in S3_AUTHORITIES])
} | {
    f"count/{slug}": FR_EN for slug in (
        "rencontre-franco-russe-4-delegations-s3-rbth-2012", "rencontre-franco-russe-4-workshops-s3-rbth-2012",
        "rencontre-franco-russe-3-local-authorities-s4-rbth-2010",
        "rencontre-franco-russe-2-participants-s4-rbth-2010",
        "fr-ru-cooperation-inter-university-partnerships-s4-rbth-2010",
        "fr-ru-cooperation-local-authorities-s4-rbth-2010", "fr-ru-partnerships-s6-senat-r17-387",
        "fr-ru-active-partnerships-s6-senat-r17-387", "fr-ru-twinnings-s7-lettre-diplomatique-79")
} | {
    f"partnership/{slug}": FR_EN for slug in (
        "mou-nice-moscow", "letter-of-intent-nice-yalta", "cooperation-auvergne-rhone-alpes-irkutsk",
        "cooperation-dijon-volgograd")
}
OWNED = ENTITIES | STATEMENTS


def _fact_params():
    for graph, block in FACTS.items():
        for line in block.strip().splitlines():
            subject, predicate, expected = (part.strip() for part in line.split("|"))
            yield pytest.param(graph, subject, predicate, expected, id=f"{graph}:{subject}:{predicate}")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    # shapes.ttl checks the data, it is not part of it (as in coopkg.build.loading).
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    for path in sorted((ROOT / "data").rglob("*.trig")):
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


def select(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(solution) for solution in store.query(query, prefixes=PREFIXES)]


def terms(store: ox.Store, sparql_terms: str) -> set:
    """The RDF terms written in SPARQL syntax, parsed by Oxigraph itself."""
    return {row[0] for row in select(store, f"SELECT ?o WHERE {{ VALUES ?o {{ {sparql_terms} }} }}")}


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(query, prefixes=PREFIXES))


@pytest.mark.parametrize("graph, subject, predicate, expected", list(_fact_params()))
def test_fact_in_its_graph(store, graph, subject, predicate, expected):
    found = {row[0] for row in select(store, f"SELECT ?o WHERE {{ GRAPH cgraph:{graph} {{ {subject} {predicate} ?o }} }}")}
    assert found == terms(store, expected)


@pytest.mark.parametrize("graph, subject, predicate, words", WORDINGS, ids=[f"{g}:{s}" for g, s, _, _ in WORDINGS])
def test_wording_in_its_graph(store, graph, subject, predicate, words):
    rows = select(store, f"""SELECT ?text WHERE {{ GRAPH cgraph:{graph} {{
        {subject} {predicate} ?text FILTER(lang(?text) = "en") }} }}""")
    assert len(rows) == 1 and words in rows[0][0].value


@pytest.mark.parametrize("authority", S3_AUTHORITIES)
def test_s3_delegations_named(store, authority):
    rows = select(store, f"""
        SELECT ?role WHERE {{ GRAPH cgraph:s3-rbth-2012 {{
            participation:rencontre-franco-russe-4-{authority} a coop:Participation ;
                coop:participant auth:{authority} ;
                coop:inEvent event:rencontre-franco-russe-4 ;
                coop:participationRole ?role }} }}""")
    assert [row[0] for row in rows] == [ox.NamedNode(PREFIXES["prole"] + "participant")]


def test_s3_names_no_other_participating_authority(store):
    rows = select(store, """
        SELECT ?who WHERE { GRAPH cgraph:s3-rbth-2012 {
            ?p coop:inEvent event:rencontre-franco-russe-4 ; coop:participant ?who } }""")
    expected = {ox.NamedNode(PREFIXES["auth"] + a) for a in S3_AUTHORITIES} | {ox.NamedNode(PREFIXES["person"] + "p0101")}
    assert {row[0] for row in rows} == expected


# --- Disagreements between sources: every claim is kept, each in its own graph -----------------------


def dates_by_graph(store, event: str) -> set[tuple[str, str, str]]:
    rows = select(store, f"""
        SELECT ?g ?start ?end WHERE {{ GRAPH ?g {{ {event} schema:startDate ?start ; schema:endDate ?end }} }}""")
    return {(g.value.removeprefix(GRAPH), start.value, end.value) for g, start, end in rows}


def test_third_rencontre_dates_disagree_and_both_are_kept(store):
    assert dates_by_graph(store, "event:rencontre-franco-russe-3") == {
        ("cuf-groupe-pays-russie", "2010-11-27", "2010-11-28"),
        ("s4-rbth-2010", "2010-11-26", "2010-11-27"),
    }
    # RBTH wrote before the event: it is "planned" in that graph only.
    rows = select(store, "SELECT ?g ?status WHERE { GRAPH ?g { event:rencontre-franco-russe-3 coop:eventStatus ?status } }")
    assert {(g.value.removeprefix(GRAPH), s.value.removeprefix(PREFIXES["status"])) for g, s in rows} == {
        ("cuf-groupe-pays-russie", "held"), ("s4-rbth-2010", "planned"),
    }


def test_fourth_rencontre_dates_disagree_and_both_are_kept(store):
    assert dates_by_graph(store, "event:rencontre-franco-russe-4") == {
        ("cuf-groupe-pays-russie", "2012-12-14", "2012-12-15"),
        ("s3-rbth-2012", "2012-12-13", "2012-12-15"),
    }


def test_second_rencontre_month_disagrees_and_both_are_kept(store):
    # The CUF sheet gives the days (October), RBTH 2010 only the month (November).
    assert dates_by_graph(store, "event:rencontre-franco-russe-2") == {
        ("cuf-groupe-pays-russie", "2009-10-22", "2009-10-23"),
    }
    rows = select(store, "SELECT ?g ?d WHERE { GRAPH ?g { event:rencontre-franco-russe-2 dct:date ?d } }")
    assert {(g.value.removeprefix(GRAPH), d) for g, d in rows} == {
        ("s4-rbth-2010", ox.Literal("2009-11", datatype=ox.NamedNode(PREFIXES["xsd"] + "gYearMonth"))),
    }


def test_counts_of_franco_russian_partnerships_are_kept_with_source_and_date(store):
    rows = select(store, """
        SELECT ?g ?kind ?value ?precision ?date WHERE { GRAPH ?g {
            ?count a coop:Count ; coop:countSubject history:franco-russian-decentralised-cooperation ;
                coop:countOf ?kind ; schema:value ?value ; coop:precision ?precision ; dct:date ?date .
            VALUES ?kind { ckind:partnerships ckind:twinnings ckind:active-partnerships } } }""")
    found = {
        (g.value.removeprefix(GRAPH), kind.value.removeprefix(PREFIXES["ckind"]), int(value.value),
         precision.value.removeprefix(PREFIXES["precision"]), date.value)
        for g, kind, value, precision, date in rows
    }
    # No number of active partnerships: the Senate report gives none.
    assert found == {
        ("s6-senat-r17-387", "partnerships", 40, "about", "2018"),
        ("s7-lettre-diplomatique-79", "twinnings", 60, "just-over", "2007"),
    }


def test_the_active_share_is_told_apart_from_the_total(store):
    """S6: "about forty partnerships ...; fewer than half are active": the active ones are a share
    (fewer than 0.5) of the forty, of their own kind, with the report's wording; nothing derived."""
    rows = select(store, """SELECT ?kind ?share ?precision ?total ?totalValue ?note WHERE { GRAPH cgraph:s6-senat-r17-387 {
        count:fr-ru-active-partnerships-s6-senat-r17-387 coop:countOf ?kind ; coop:share ?share ;
            coop:precision ?precision ; coop:shareOf ?total ; skos:note ?note FILTER(lang(?note) = "en")
        ?total schema:value ?totalValue ; coop:countOf ckind:partnerships } }""")
    assert [(k.value.rsplit("/", 1)[1], s.value, p.value.rsplit("/", 1)[1], t.value.rsplit("/", 1)[1], v.value, n.value)
            for k, s, p, t, v, n in rows] == [
        ("active-partnerships", "0.5", "fewer-than", "fr-ru-partnerships-s6-senat-r17-387", "40",
         "Fewer than half of them are active.")]
    assert ox.Quad(ox.NamedNode(PREFIXES["ckind"] + "active-partnerships"), ox.NamedNode(PREFIXES["skos"] + "broader"),
                   ox.NamedNode(PREFIXES["ckind"] + "partnerships"), ox.NamedNode(ONTOLOGY_GRAPH)) in store


def test_tsybulsky_birth_dates_each_on_the_unnamed_document_that_gives_it(store):
    """S8 says only that sources differ on his birth date: no date is pinned on the URA.RU article
    (or on the compilation); each sits in the graph of its own unnamed source, which the compilation
    references, and the compilation's remark is in its own graph."""
    rows = select(store, "SELECT ?g ?d WHERE { GRAPH ?g { person:p0001 schema:birthDate ?d } }")
    assert {(g.value.removeprefix(GRAPH), d.value) for g, d in rows} == {
        ("s8-tsybulsky-birth-date-source-a", "1979-07-15"), ("s8-tsybulsky-birth-date-source-b", "1979-09-15")}
    for letter in "ab":
        assert ask(store, f"""ASK {{ GRAPH cgraph:metadata {{
            cgraph:s8-tsybulsky-birth-date-source-{letter} prov:wasDerivedFrom csrc:s8-tsybulsky-birth-date-source-{letter} .
            csrc:s8-tsybulsky-birth-date-source-{letter} a foaf:Document ; dct:isReferencedBy csrc:s8-secondary-notes ;
                dct:title ?t FILTER NOT EXISTS {{ csrc:s8-tsybulsky-birth-date-source-{letter} schema:url|dct:publisher ?x }} }} }}""")
    notes = select(store, """SELECT ?n WHERE { GRAPH cgraph:s8-secondary-notes { person:p0001 skos:note ?n } }""")
    assert {n.language for (n,) in notes} == {"en", "fr"}
    assert any("15 July 1979" in n.value and "15 September 1979" in n.value for (n,) in notes)


def test_meshkov_spellings_each_with_its_source(store):
    rows = select(store, "SELECT ?g ?label WHERE { GRAPH ?g { person:p0003 skos:altLabel ?label } }")
    found = {(g.value.removeprefix(GRAPH), label.value, label.language) for g, label in rows}
    assert {
        ("s8-wikipedia-mechkov", "Alexeï Iourievitch Mechkov", "fr"),
        ("s8-wikipedia-mechkov", "Alexeï Mechkov", "fr"),
        ("s8-kommersant-3447661", "Алексей Юрьевич Мешков", "ru"),
        ("s8-secondary-notes", "Aleksey Meshkov", "en"),
        ("s2-crsc-2019", "Alexeï Meshkov", "fr"),
    } <= found
    # The CUF sheet's own spelling stays in its graph beside them.
    assert ("cuf-groupe-pays-russie", "Alexey Meshkov", "fr") in found


def test_ambassador_post_start_date_and_decree_in_kommersant_graph(store):
    notes = select(store, """SELECT ?n WHERE { GRAPH cgraph:s8-kommersant-3447661 {
        post:p0003-ambassador-of-russia-to-france skos:note ?n FILTER(lang(?n) = "en") } }""")
    assert len(notes) == 1
    assert "decree no. 508 of 23 October 2017" in notes[0][0].value and "Orlov" in notes[0][0].value


def test_salles_stood_in_for_estrosi(store):
    notes = select(store, """SELECT ?n WHERE { GRAPH cgraph:s1-cr-gp-russie-2016 {
        participation:groupe-pays-russie-meeting-3-p0101 skos:note ?n FILTER(lang(?n) = "en") } }""")
    assert len(notes) == 1 and "standing in for" in notes[0][0].value and "Estrosi" in notes[0][0].value


def test_yalta_has_no_country_in_any_graph(store):
    assert not ask(store, "ASK { GRAPH ?g { { auth:yalta coop:country ?c } UNION { place:yalta coop:country ?c } } }")


def test_s9_states_of_yalta_only_what_it_says(store):
    """No annexation, no position of France, no Cyrillic name in the graph of S9; those are the
    editors' statements, in the curation graph, credited to no source."""
    s9 = "cgraph:s9-info-mediterranee-nice-yalta"
    assert not ask(store, f"""ASK {{ GRAPH {s9} {{ ?s ?p ?text FILTER(isLiteral(?text) &&
        (CONTAINS(LCASE(?text), "annex") || CONTAINS(?text, "France") || lang(?text) = "ru")) }} }}""")
    for node in ("auth:yalta", "place:yalta", "place:crimea"):
        assert ask(store, f"""ASK {{ GRAPH cgraph:coopkg-curation {{ {node} coop:territorialStatusNote ?n ;
            skos:prefLabel ?ru FILTER(lang(?n) = "en" && STRSTARTS(?n, "Editors' statement") && CONTAINS(?n, "2014")
            && lang(?ru) = "ru") }} }}""")
    # Nothing in the curation graph says it comes from a source.
    assert not ask(store, "ASK { GRAPH cgraph:coopkg-curation { ?s dct:source ?source } }")


def test_orlovs_end_year_is_the_editors_inference(store):
    rows = select(store, """SELECT ?g ?end WHERE { GRAPH ?g {
        post:p0103-ambassador-of-russia-to-france org:memberDuring/time:hasEnd/time:inXSDgYear ?end } }""")
    assert [(g.value.removeprefix(GRAPH), e.value) for g, e in rows] == [("coopkg-curation", "2017")]
    assert ask(store, """ASK { GRAPH cgraph:coopkg-curation { post:p0103-ambassador-of-russia-to-france
        org:memberDuring [ skos:note ?n ] FILTER(lang(?n) = "en" && STRSTARTS(?n, "Editors' inference")) } }""")


# --- Graph and source descriptions -----------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_graph_and_source_are_described(store, slug):
    url, publisher, issued, language = SOURCES[slug]
    assert ask(store, f"""ASK {{ GRAPH cgraph:metadata {{
        cgraph:{slug} a prov:Entity, sd:Graph ;
            prov:wasDerivedFrom csrc:{slug} ;
            prov:wasAttributedTo organisation:coopkg-editors ;
            dct:title ?title FILTER(lang(?title) = "en")
        csrc:{slug} a prov:Entity, foaf:Document ; dct:title ?source_title ;
            dct:publisher organisation:{publisher} ;
            dct:language <http://publications.europa.eu/resource/authority/language/{LANGUAGES[language]}> }} }}""")
    source = f"<{SOURCE}{slug}>"
    urls = select(store, f"SELECT ?u WHERE {{ GRAPH cgraph:metadata {{ {source} schema:url ?u }} }}")
    assert [u.value for (u,) in urls] == ([url] if url else [])
    issued_values = select(store, f"SELECT ?d WHERE {{ GRAPH cgraph:metadata {{ {source} dct:issued ?d }} }}")
    assert [d.value for (d,) in issued_values] == ([issued] if issued else [])
    # Consulted: when is not recorded (an instant with no date and a note), except for the editors'
    # own compilation, which nobody retrieves.
    retrievals = select(store, f"""SELECT ?date ?note WHERE {{ GRAPH cgraph:metadata {{ {source} coop:retrieved ?i .
        ?i a time:Instant ; skos:note ?note FILTER(lang(?note) = "en") OPTIONAL {{ ?i time:inXSDDate ?date }} }} }}""")
    if publisher == "coopkg-editors":
        assert retrievals == []
    else:
        assert [(d, n.value.startswith("Not recorded")) for d, n in retrievals] == [(None, True)]
    # A licence, or a note that none is stated.
    assert ask(store, f"""ASK {{ GRAPH cgraph:metadata {{
        {{ {source} dct:license ?l }} UNION {{ {source} skos:note "licence not stated"@en }} }} }}""")
    assert not ask(store, f"ASK {{ GRAPH ?g {{ {source} coop:retrieved/time:inXSDDate ?d }} }}")  # no invented date
    # The publisher is a described organisation.
    assert ask(store, f"ASK {{ GRAPH cgraph:coopkg-curation {{ organisation:{publisher} skos:prefLabel ?l FILTER(lang(?l) = 'fr') }} }}")


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_source_graph_is_not_empty_and_has_no_preferred_labels(store, slug):
    count = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH cgraph:{slug} {{ ?s ?p ?o }} }}")[0][0]
    assert int(count.value) > 0
    assert not ask(store, f"ASK {{ GRAPH cgraph:{slug} {{ ?s skos:prefLabel ?l }} }}")


# --- Curation: types and preferred labels of what only the secondary sources name ------------------


@pytest.mark.parametrize("local", sorted(OWNED))
def test_owned_thing_has_type_and_one_label_per_language(store, local):
    iri = f"<{ID}{local}>"
    typed_in = "cgraph:coopkg-curation" if local in ENTITIES else "?g"
    assert ask(store, f"ASK {{ GRAPH {typed_in} {{ {iri} a ?type }} }}")
    rows = select(store, f"SELECT ?l WHERE {{ GRAPH ?g {{ {iri} skos:prefLabel ?l }} }}")
    languages = [label.language for (label,) in rows]
    # Exactly one per language across the whole store: nobody else labels it.
    assert sorted(languages) == sorted(OWNED[local])


def test_curation_file_labels_only_owned_things():
    labelled = {
        quad.subject.value.removeprefix(ID)
        for quad in ox.parse(path=str(CURATION_FILE), format=ox.RdfFormat.TRIG)
        if quad.predicate.value == PREFIXES["skos"] + "prefLabel"
    }
    assert labelled == set(OWNED)
    graphs = {quad.graph_name.value for quad in ox.parse(path=str(CURATION_FILE), format=ox.RdfFormat.TRIG)}
    assert graphs == {CURATION}


def test_unidentified_person_keeps_printed_spelling(store):
    assert ask(store, """ASK {
        GRAPH cgraph:s1-cr-gp-russie-2016 { person:p0106 skos:altLabel "Ikander Ioussoupov"@fr }
        GRAPH cgraph:coopkg-curation { person:p0106 skos:prefLabel "Ikander Ioussoupov"@fr ; skos:note ?note
            FILTER(CONTAINS(?note, "not identified")) } }""")
    assert not ask(store, "ASK { GRAPH ?g { person:p0106 skos:prefLabel ?l FILTER(lang(?l) = 'ru') } }")


def test_daect_is_a_unit_of_the_foreign_ministry(store):
    assert ask(store, """ASK { GRAPH cgraph:coopkg-curation {
        organisation:fr-daect a coop:MinistryDepartment ; org:unitOf organisation:fr-meae } }""")


# --- References to things other files own ------------------------------------------------------------


def referenced(store, prefix: str) -> set[str]:
    graphs = " ".join(f"cgraph:{slug}" for slug in SOURCES)
    rows = select(store, f"""SELECT DISTINCT ?x WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{
        {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} FILTER(isIRI(?x) && STRSTARTS(STR(?x), "{PREFIXES[prefix]}")) }} }}""")
    return {x.value for (x,) in rows}


@pytest.mark.parametrize("prefix", ["person", "organisation", "event", "place", "post", "participation", "count", "partnership"])
def test_every_named_thing_referenced_has_a_type_and_french_label(store, prefix):
    # Territories of authorities (place:fr-..., place:ru-..., place:yalta) are described by the
    # authorities' files, checked by their own tests.
    things = {x for x in referenced(store, prefix)
              if not (prefix == "place" and (x.removeprefix(PREFIXES["place"]).startswith(("fr-", "ru-")) or x.endswith("/yalta")))}
    assert things
    undescribed = sorted(x for x in things if not ask(store, f"""ASK {{
        GRAPH ?g {{ <{x}> a ?type }}
        GRAPH cgraph:coopkg-curation {{ <{x}> skos:prefLabel ?l FILTER(lang(?l) = "fr") }} }}"""))
    assert undescribed == []


def test_posts_of_persons_named_in_the_cuf_sheet_are_the_cuf_graph_posts(store):
    # The posts the secondary sources date or restate are the very memberships of the CUF graph.
    for post in ("p0001-vice-minister-of-economic-development",
                 "p0002-special-representative-for-international-cultural-cooperation",
                 "p0003-ambassador-of-russia-to-france",
                 "p0004-trade-representative-of-russia-in-france",
                 "p0005-director-of-the-russian-centre-for-science-and-culture-paris"):
        assert ask(store, f"ASK {{ GRAPH cgraph:cuf-groupe-pays-russie {{ post:{post} a org:Membership }} }}"), post


def test_controlled_terms_used_exist_in_the_vocabularies(store):
    graphs = " ".join(f"cgraph:{slug}" for slug in SOURCES)
    rows = select(store, f"""SELECT DISTINCT ?term WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?term }}
        FILTER(isIRI(?term) && STRSTARTS(STR(?term), "{PREFIXES['cvoc']}"))
        FILTER NOT EXISTS {{ GRAPH cgraph:ontology {{ ?term a skos:Concept }} }} }}""")
    assert [t.value for (t,) in rows] == []
