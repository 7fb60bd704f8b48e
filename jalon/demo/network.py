"""The demo network: two real regions, three Missions Locales, partners of every type.

Structures are named after real places; people and their files are fictitious.
"""

ML_TOULOUSE = "ML31-TOULOUSE"
ML_MONTPELLIER = "ML34-MONTPELLIER"
ML_MEUSE = "ML55-NORD-MEUSIEN"

MISSIONS_LOCALES = [
    {
        "code": ML_TOULOUSE,
        "name": "Mission Locale de Toulouse",
        "region": "76",
        "departement": "31",
        "commune": "31555",
        "address": "18 rue Roquelaine",
        "phone": "05 61 00 00 31",
        "email": "contact@ml-toulouse.demo.jalon.test",
        "covers": ["31555", "31069", "31557", "31149", "31433", "31446"],
        "sites": [
            ("Toulouse Centre", "31555", "18 rue Roquelaine", True),
            ("Toulouse Mirail", "31555", "2 place Abbal", False),
            ("Colomiers", "31149", "5 allée du Rouergue", False),
        ],
        "young_people": 260,
    },
    {
        "code": ML_MONTPELLIER,
        "name": "Mission Locale Montpellier Méditerranée",
        "region": "76",
        "departement": "34",
        "commune": "34172",
        "address": "10 rue des Teinturiers",
        "phone": "04 67 00 00 34",
        "email": "contact@ml-montpellier.demo.jalon.test",
        "covers": ["34172", "34129", "34057", "34145"],
        "sites": [
            ("Montpellier Centre", "34172", "10 rue des Teinturiers", True),
            ("Lunel", "34145", "3 boulevard Lafayette", False),
        ],
        "young_people": 150,
    },
    {
        "code": ML_MEUSE,
        "name": "Mission Locale du Nord Meusien",
        "region": "44",
        "departement": "55",
        "commune": "55545",
        "address": "1 place de la Nation",
        "phone": "03 29 00 00 55",
        "email": "contact@ml-nordmeusien.demo.jalon.test",
        "covers": ["55545", "55351", "55463", "55122", "55154"],
        "sites": [
            ("Verdun", "55545", "1 place de la Nation", True),
            ("Saint-Mihiel", "55463", "4 rue du Palais de Justice", False),
        ],
        "young_people": 100,
    },
]

ARMLS = [
    (
        "ARML-OCCITANIE",
        "Association régionale des Missions Locales d'Occitanie",
        "76",
        "31",
        "31555",
    ),
    (
        "ARML-GRAND-EST",
        "Association régionale des Missions Locales du Grand Est",
        "44",
        "54",
        "54395",
    ),
]

# (kind, subtype, code, name, departement, commune)
PARTNERS = [
    ("spip", "", "SPIP31", "SPIP de la Haute-Garonne", "31", "31555"),
    ("spip", "", "SPIP34", "SPIP de l'Hérault", "34", "34172"),
    ("spip", "", "SPIP55", "SPIP de la Meuse", "55", "55029"),
    ("pjj", "ueaj", "UEAJ-TOULOUSE", "UEAJ de Toulouse", "31", "31555"),
    ("pjj", "uemo", "UEMO-MONTPELLIER", "UEMO de Montpellier", "34", "34172"),
    ("pjj", "dt", "DTPJJ-LORRAINE", "Direction territoriale PJJ Lorraine", "55", "55545"),
    (
        "prison",
        "centre_penitentiaire",
        "CP-SEYSSES",
        "Centre pénitentiaire de Toulouse-Seysses",
        "31",
        "31547",
    ),
    ("prison", "centre_detention", "CD-MURET", "Centre de détention de Muret", "31", "31395"),
    (
        "prison",
        "epm",
        "EPM-LAVAUR",
        "Établissement pénitentiaire pour mineurs de Lavaur",
        "81",
        "81140",
    ),
    (
        "prison",
        "maison_arret",
        "MA-VILLENEUVE",
        "Maison d'arrêt de Villeneuve-lès-Maguelone",
        "34",
        "34337",
    ),
    (
        "prison",
        "quartier_mineurs",
        "QM-VILLENEUVE",
        "Quartier mineurs de Villeneuve-lès-Maguelone",
        "34",
        "34337",
    ),
    ("prison", "centre_detention", "CD-MONTMEDY", "Centre de détention de Montmédy", "55", "55351"),
    (
        "prison",
        "centre_detention",
        "CD-SAINT-MIHIEL",
        "Centre de détention de Saint-Mihiel",
        "55",
        "55463",
    ),
    ("prison", "cjd", "CJD-FLEURY", "Centre pour jeunes détenus de Fleury-Mérogis", "91", "91235"),
    (
        "prison",
        "sas",
        "SAS-TOULOUSE",
        "Structure d'accompagnement vers la sortie de Toulouse",
        "31",
        "31555",
    ),
    (
        "conseil_departemental",
        "",
        "CD31",
        "Conseil départemental de la Haute-Garonne",
        "31",
        "31555",
    ),
    ("conseil_departemental", "", "CD34", "Conseil départemental de l'Hérault", "34", "34172"),
    ("conseil_departemental", "", "CD55", "Conseil départemental de la Meuse", "55", "55029"),
    ("france_travail", "", "FT-TOULOUSE-COMPANS", "France Travail Toulouse Compans", "31", "31555"),
    (
        "france_travail",
        "",
        "FT-MONTPELLIER",
        "France Travail Montpellier Près d'Arènes",
        "34",
        "34172",
    ),
    ("france_travail", "", "FT-VERDUN", "France Travail Verdun", "55", "55545"),
    ("e2c", "", "E2C-TOULOUSE", "École de la deuxième chance de Toulouse", "31", "31555"),
    ("e2c", "", "E2C-MONTPELLIER", "École de la deuxième chance de Montpellier", "34", "34172"),
    ("epide", "", "EPIDE-TOULOUSE", "EPIDE de Toulouse", "31", "31555"),
    ("epide", "", "EPIDE-BOIS-DE-HAYE", "EPIDE de Velaine-en-Haye", "54", "54557"),
    ("training_body", "", "OF-AFPA-TOULOUSE", "AFPA Toulouse Balma", "31", "31555"),
    ("training_body", "", "OF-GRETA-MONTPELLIER", "GRETA Montpellier", "34", "34172"),
    ("training_body", "", "OF-GRETA-MEUSE", "GRETA Lorraine Nord — Verdun", "55", "55545"),
    ("employer", "", "EMP-BOUL-CAPITOLE", "Boulangerie du Capitole", "31", "31555"),
    ("employer", "", "EMP-TRANSP-OCCITANS", "Transports Occitans", "31", "31069"),
    ("employer", "", "EMP-HOTEL-COMEDIE", "Hôtel de la Comédie", "34", "34172"),
    ("employer", "", "EMP-MENUIS-MEUSE", "Menuiserie de la Meuse", "55", "55545"),
]

DEMO_DOMAIN = "demo.jalon.test"

# (local part, first name, last name, role, organisation code, site index)
ACCOUNTS = [
    ("accueil", "Amina", "Benali", "reception", ML_TOULOUSE, 0),
    ("conseiller", "Julien", "Roussel", "counsellor", ML_TOULOUSE, 0),
    ("cjml", "Sophie", "Lacombe", "cjml", ML_TOULOUSE, 0),
    ("referent-justice", "Marc", "Delmas", "justice_referent", ML_TOULOUSE, 1),
    ("directeur", "Isabelle", "Fabre", "director", ML_TOULOUSE, 0),
    ("conseiller2", "Nadia", "Rambert", "counsellor", ML_MONTPELLIER, 0),
    ("arml", "Pierre", "Vidal", "arml_pilot", "ARML-OCCITANIE", None),
    ("national", "Claire", "Moreau", "national_pilot", "UNML", None),
    ("cpip", "Thomas", "Garcia", "cpip", "SPIP31", None),
    ("pjj", "Laura", "Martinez", "pjj_educator", "UEAJ-TOULOUSE", None),
    ("ase", "Karim", "Haddad", "ase_referent", "CD31", None),
    ("france-travail", "Mehdi", "Chevalier", "france_travail_adviser", "FT-TOULOUSE-COMPANS", None),
    ("dpo", "Martine", "Sabatier", "dpo", ML_TOULOUSE, None),
    ("admin", "Hélène", "Girard", "administrator", "UNML", None),
]

# Further counsellors, so that portfolios look like a real team's (they can log in too).
TEAM = [
    ("conseillere-toulouse-2", "Léa", "Castel", "counsellor", ML_TOULOUSE, 1),
    ("conseiller-toulouse-3", "Youssef", "Amrani", "counsellor", ML_TOULOUSE, 2),
    ("directrice-montpellier", "Sandrine", "Pujol", "director", ML_MONTPELLIER, 0),
    ("conseiller-montpellier-2", "Éric", "Bonnet", "counsellor", ML_MONTPELLIER, 1),
    ("conseillere-meuse", "Aurélie", "Thiriet", "counsellor", ML_MEUSE, 0),
    ("directeur-meuse", "Olivier", "Collignon", "director", ML_MEUSE, 0),
]
