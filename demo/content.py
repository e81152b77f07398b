"""French demo content of the TRI knowledge base, as plain data.

The facts come from the seed document (the roadmap validated by the regional council
in June 2013); the wording is ours. Pages are dicts whose keys are model fields, plus:

- ``slug``: the page is looked up by (parent, slug) and only created when missing;
- ``priorities``, ``territories``, ``expert_bodies``, ``carrier_bodies``: snippet slugs;
- ``tags``: tag names;
- stream fields: lists of ``(block_name, value)`` tuples.

Days of the month in dates are illustrative; months and years follow the seed.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

SOBRIETE = "sobriete-energetique"
ENR = "energies-renouvelables"
MOBILITE = "mobilite-durable"
ALL_PRIORITIES = [SOBRIETE, ENR, MOBILITE]

ADEME = "ademe"
CD2E = "cd2e"
MEDEE = "pole-medee"
I_TRANS = "i-trans"
RIFKIN = "equipe-rifkin"

REGION = "toute-la-region"


# --------------------------------------------------------------------------------------
# Snippets
# --------------------------------------------------------------------------------------

PRIORITIES = [
    {
        "slug": SOBRIETE,
        "name": "Sobriété énergétique responsable",
        "sort_order": 1,
        "summary": (
            "Consommer moins et mieux : rénover les bâtiments, améliorer l'efficacité "
            "des procédés et des usages, et partager les équipements plutôt que les "
            "multiplier."
        ),
    },
    {
        "slug": ENR,
        "name": "Énergies renouvelables intelligentes, stockées et distribuées",
        "sort_order": 2,
        "summary": (
            "Produire une énergie renouvelable au plus près des usages, la stocker, "
            "notamment sous forme d'hydrogène, et la partager grâce à des réseaux "
            "intelligents."
        ),
    },
    {
        "slug": MOBILITE,
        "name": "Mobilité durable",
        "sort_order": 3,
        "summary": (
            "Réduire les déplacements contraints, développer les transports collectifs "
            "et partagés, et électrifier les véhicules, y compris à pile à combustible."
        ),
    },
]

TERRITORIES = [
    {
        "slug": "metropole-lilloise",
        "name": "Métropole lilloise",
        "description": (
            "Territoire urbain dense : rénovation du parc de logements et de bureaux, "
            "réseaux de chaleur, transports collectifs et logistique urbaine."
        ),
    },
    {
        "slug": "bassin-minier",
        "name": "Bassin minier",
        "description": (
            "Ancien territoire charbonnier : cités minières à rénover, friches à "
            "reconvertir, fort enjeu de création d'emplois locaux."
        ),
    },
    {
        "slug": "cote-d-opale",
        "name": "Côte d'Opale",
        "description": (
            "Façade littorale et portuaire : industrie lourde, activités portuaires, "
            "logistique et flux de marchandises."
        ),
    },
    {
        "slug": "hainaut-cambresis",
        "name": "Hainaut-Cambrésis",
        "description": (
            "Territoire industriel et rural du sud-est de la région : industrie "
            "ferroviaire et automobile, agriculture, villes moyennes."
        ),
    },
    {
        "slug": "artois",
        "name": "Artois",
        "description": (
            "Territoire de villes moyennes et de campagnes, entre bassin minier et "
            "plaines agricoles : méthanisation, mobilité rurale, rénovation."
        ),
    },
    {
        "slug": "flandre-interieure",
        "name": "Flandre intérieure",
        "description": (
            "Territoire rural et agricole : bourgs et petites villes, mobilité en zone "
            "peu dense, valorisation énergétique de la biomasse."
        ),
    },
    {
        "slug": REGION,
        "name": "Toute la région",
        "description": ("Projets ou démarches qui concernent l'ensemble du territoire régional."),
    },
]

# The search's synonym groups (search.SynonymGroup), editable by editors afterwards: a
# group is seeded only while no group holds its first term.
SYNONYM_GROUPS = [
    "subvention, aide financière, financement",
    "borne de recharge, point de charge, IRVE, charging station",
    "énergie, energy",
]

EXPERT_BODIES = [
    {
        "slug": ADEME,
        "name": "ADEME – Agence de la transition écologique",
        "acronym": "ADEME",
        "kind": "agency",
        "website": "https://www.ademe.fr/",
        "priorities": ALL_PRIORITIES,
        "summary": (
            "Agence publique de l'État, partenaire historique de la Région sur "
            "l'énergie et l'environnement. Elle apporte son expertise technique et "
            "méthodologique et connaît les dispositifs d'aide existants."
        ),
    },
    {
        "slug": CD2E,
        "name": "CD2E – Création Développement Éco-Entreprises",
        "acronym": "CD2E",
        "kind": "cluster",
        "website": "https://www.cd2e.com/",
        "priorities": [SOBRIETE, ENR],
        "summary": (
            "Pôle de compétences de l'éco-transition : éco-construction, énergies "
            "renouvelables et économie circulaire. Il accompagne entreprises et "
            "collectivités de l'idée au chantier."
        ),
    },
    {
        "slug": MEDEE,
        "name": "Pôle MEDEE – Maîtrise énergétique des entraînements électriques",
        "acronym": "MEDEE",
        "kind": "cluster",
        "website": "",
        "priorities": [SOBRIETE, ENR],
        "summary": (
            "Pôle de compétences de l'énergie électrique : efficacité des moteurs et "
            "des procédés, électronique de puissance, gestion et pilotage de "
            "l'énergie, réseaux électriques."
        ),
    },
    {
        "slug": I_TRANS,
        "name": "Pôle i-Trans",
        "acronym": "i-Trans",
        "kind": "cluster",
        "website": "https://www.i-trans.org/",
        "priorities": [MOBILITE],
        "summary": (
            "Pôle de compétences des transports et de la mobilité durable : "
            "ferroviaire, automobile, logistique, services de mobilité et "
            "intermodalité."
        ),
    },
    {
        "slug": RIFKIN,
        "name": "Équipe Rifkin",
        "acronym": "",
        "kind": "rifkin",
        "website": "",
        "priorities": ALL_PRIORITIES,
        "summary": (
            "L'équipe de Jeremy Rifkin, co-auteur du master plan. Elle veille à "
            "l'articulation des piliers, éclaire les projets par l'expérience "
            "internationale et relaie la démarche auprès des ministères et de l'Europe."
        ),
    },
]


# --------------------------------------------------------------------------------------
# Home page (filled only while still at the migration's defaults)
# --------------------------------------------------------------------------------------

HOME = {
    "title": "La Troisième Révolution Industrielle en région",
    "introduction": (
        "La feuille de route de la Troisième Révolution Industrielle (TRI), validée "
        "par le Conseil régional, engage la région vers une économie décarbonée, "
        "créatrice d'emplois et productrice de biens communs. Ce site rassemble le "
        "master plan, la feuille de route, les modes d'emploi et les interlocuteurs "
        "des porteurs de projets."
    ),
    "body": [
        (
            "paragraph",
            "<p>En juin 2013, le Conseil régional réuni en assemblée plénière a "
            "validé la feuille de route de la TRI, qui traduit en objectifs et en "
            "méthode le master plan écrit avec Jeremy Rifkin et les groupes de "
            "travail régionaux. Les projets sont nombreux ; ce site les aide à "
            "trouver le bon mode d'emploi.</p>",
        ),
        (
            "figures",
            [
                {"value": "37 000", "label": "emplois visés en 2020"},
                {"value": "165 000", "label": "emplois nets visés d'ici 2050"},
                {"value": "113", "label": "élus réunis en assemblée plénière"},
                {"value": "3", "label": "priorités retenues"},
            ],
        ),
        ("heading", {"text": "Droit commun ou ingénierie mutualisée ?", "level": "h2"}),
        (
            "callout",
            {
                "kind": "info",
                "title": "Avant de déposer une demande",
                "body": "<p>Certaines demandes trouvent déjà leur réponse dans les "
                "politiques régionales de <b>droit commun</b> (les dispositifs "
                "habituels de la Région). La plupart des projets TRI demandent "
                "cependant une organisation collective : <b>ingénierie "
                "mutualisée</b> entre l'ADEME, les pôles de compétences et l'équipe "
                "Rifkin, financements croisés, portage collectif du droit à "
                "l'expérimentation.</p>",
            },
        ),
    ],
    # Link blocks appended to the body, to sections built under the home page.
    "links": [
        ("modes-d-emploi", "Consulter les modes d'emploi"),
        ("master-plan", "Lire le master plan"),
        ("feuille-de-route", "Suivre la feuille de route"),
        ("financements", "Connaître les critères de financement"),
    ],
}


# --------------------------------------------------------------------------------------
# Master plan and pillars
# --------------------------------------------------------------------------------------

MASTER_PLAN = {
    "slug": "master-plan",
    "title": "Le master plan",
    "show_in_menus": True,
    "introduction": (
        "Le master plan de la TRI a été co-écrit avec Jeremy Rifkin et les groupes de "
        "travail régionaux. Il fixe le cap : une économie décarbonée au service du "
        "bien-être de la population, construite avec les acteurs des territoires."
    ),
    "chapters": [
        (
            "section",
            {
                "title": "Une économie décarbonée, créatrice d'emplois et de biens communs",
                "anchor": "economie-decarbonee",
                "body": "<p>Le master plan vise une économie qui ne dépend plus des "
                "énergies fossiles. Cette transformation doit créer des emplois "
                "dans la région et produire des biens communs : une énergie "
                "partagée, des bâtiments sains, des services de mobilité ouverts "
                "à tous.</p><p>Les objectifs d'emploi retenus sont de 37 000 "
                "emplois en 2020 et jusqu'à 165 000 emplois nets d'ici 2050.</p>",
            },
        ),
        (
            "figures",
            [
                {"value": "37 000", "label": "emplois visés en 2020"},
                {"value": "165 000", "label": "emplois nets visés d'ici 2050"},
            ],
        ),
        (
            "section",
            {
                "title": "Le bien-être de la population et la sobriété des ressources",
                "anchor": "bien-etre-sobriete",
                "body": "<p>La TRI n'est pas une fin en soi. Elle doit améliorer le "
                "bien-être des habitants et la qualité des biens et services "
                "produits, tout en consommant moins de ressources. Les dimensions "
                "sociales et environnementales font donc partie de chaque projet "
                "dès sa conception.</p>",
            },
        ),
        (
            "section",
            {
                "title": "Trois priorités",
                "anchor": "priorites",
                "body": "<p>La feuille de route concentre l'effort sur trois "
                "priorités :</p><ul><li>la sobriété énergétique "
                "responsable ;</li><li>les énergies renouvelables intelligentes, "
                "stockées et distribuées ;</li><li>la mobilité durable.</li></ul>",
            },
        ),
        (
            "section",
            {
                "title": "La méthode : co-construire avec les parties prenantes",
                "anchor": "methode",
                "body": "<p>Les réponses efficaces se construisent sur les "
                "territoires, avec ceux qui y vivent et y travaillent : "
                "collectivités, entreprises, associations, organismes de "
                "recherche et de formation. Les groupes de travail réunis lors de "
                "la première phase du master plan restent le socle de cette "
                "co-construction.</p>",
            },
        ),
        (
            "section",
            {
                "title": "La TESR et la Commission 15, lieu de la transversalité",
                "anchor": "tesr-commission-15",
                "body": "<p>Le Président du Conseil régional a souhaité que la mise "
                "en œuvre de la TRI s'inscrive dans l'expérimentation de la "
                "Transformation écologique et sociale régionale (TESR). La "
                "Commission 15, consacrée à la TESR, examine les projets de "
                "manière transversale et porte un regard d'ensemble sur la "
                "démarche, en veillant au respect des finalités de la feuille de "
                "route.</p>",
            },
        ),
        (
            "section",
            {
                "title": "Un dispositif d'accompagnement",
                "anchor": "accompagnement",
                "body": "<p>Pour passer à l'opérationnel, la Région met en place un "
                "dispositif en trois volets :</p><ul><li>mutualiser les "
                "ingénieries, à partir des groupes de travail du master plan, de "
                "l'ADEME, des pôles de compétences et de l'équipe "
                "Rifkin ;</li><li>porter collectivement un droit à "
                "l'expérimentation ;</li><li>mobiliser les financements publics "
                "et privés, notamment lors d'une conférence des "
                "financeurs.</li></ul>",
            },
        ),
        (
            "section",
            {
                "title": "La poursuite du partenariat avec Jeremy Rifkin",
                "anchor": "partenariat-rifkin",
                "body": "<p>Le partenariat avec Jeremy Rifkin continue. Des assises "
                "annuelles rendent les projets visibles ; des échanges en "
                "conférence téléphonique ou en réunion traitent de sujets "
                "précis. Son réseau international aide à porter les demandes de "
                "la région auprès des ministères et de l'Europe, qu'il s'agisse "
                "du droit à l'expérimentation ou du renforcement des capacités "
                "financières.</p>",
            },
        ),
    ],
}

PILLARS = [
    {
        "slug": "energies-renouvelables",
        "title": "Passer aux énergies renouvelables",
        "number": 1,
        "kind": "pillar",
        "priorities": [ENR],
        "introduction": (
            "Premier pilier : remplacer progressivement les énergies fossiles par des "
            "énergies renouvelables produites dans la région."
        ),
        "body": [
            (
                "paragraph",
                "<p>Éolien, solaire, biomasse, méthanisation, géothermie, chaleur de "
                "récupération : chaque territoire dispose de ressources propres. Le "
                "pilier consiste à les mobiliser de façon diversifiée, en associant "
                "les habitants et les acteurs locaux à la production.</p>",
            ),
        ],
    },
    {
        "slug": "batiments-producteurs",
        "title": "Faire des bâtiments des micro-centrales",
        "number": 2,
        "kind": "pillar",
        "priorities": [SOBRIETE, ENR],
        "introduction": (
            "Deuxième pilier : chaque bâtiment, rénové et équipé, peut produire sur "
            "place une partie de l'énergie qu'il consomme, voire davantage."
        ),
        "body": [
            (
                "paragraph",
                "<p>Logements, bureaux, usines, équipements publics : une fois leurs "
                "besoins réduits par la rénovation, les bâtiments accueillent des "
                "installations de production (panneaux photovoltaïques, pompes à "
                "chaleur, chaudières biomasse) et deviennent des points de "
                "production reliés au réseau.</p>",
            ),
        ],
    },
    {
        "slug": "stockage-hydrogene",
        "title": "Stocker l'énergie, notamment sous forme d'hydrogène",
        "number": 3,
        "kind": "pillar",
        "priorities": [ENR],
        "introduction": (
            "Troisième pilier : stocker l'énergie pour compenser l'intermittence du "
            "solaire et de l'éolien."
        ),
        "body": [
            (
                "paragraph",
                "<p>Batteries, stockage thermique et hydrogène produit par "
                "électrolyse permettent de garder l'énergie produite aux heures "
                "favorables pour la restituer quand on en a besoin. Le stockage "
                "conditionne la part des renouvelables que les réseaux peuvent "
                "accueillir.</p>",
            ),
        ],
    },
    {
        "slug": "reseaux-intelligents",
        "title": "Partager l'énergie par les réseaux intelligents",
        "number": 4,
        "kind": "pillar",
        "priorities": [ENR, SOBRIETE],
        "introduction": (
            "Quatrième pilier : l'internet de l'énergie, où des millions de "
            "producteurs échangent leur énergie comme on partage l'information."
        ),
        "body": [
            (
                "paragraph",
                "<p>Compteurs communicants, pilotage des consommations et boucles "
                "locales permettent de faire circuler l'énergie entre producteurs "
                "et consommateurs d'un même quartier ou d'une même zone d'activité, "
                "et d'ajuster la demande à la production.</p>",
            ),
        ],
    },
    {
        "slug": "mobilite-electrique",
        "title": "Développer la mobilité électrique et à pile à combustible",
        "number": 5,
        "kind": "pillar",
        "priorities": [MOBILITE],
        "introduction": (
            "Cinquième pilier : des véhicules électriques ou à hydrogène, rechargés "
            "par l'énergie renouvelable du réseau intelligent."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les véhicules électriques et à pile à combustible se rechargent "
                "sur les bornes et stations du territoire ; leurs batteries peuvent "
                "à terme servir de stockage pour le réseau. Ce pilier se combine "
                "avec les transports collectifs et partagés.</p>",
            ),
        ],
    },
    {
        "slug": "efficacite-energetique",
        "title": "L'efficacité énergétique",
        "number": 6,
        "kind": "transversal",
        "priorities": [SOBRIETE],
        "introduction": (
            "Axe transversal ajouté par la région : réduire les besoins avant de "
            "produire, dans les bâtiments, l'industrie et les transports."
        ),
        "body": [
            (
                "paragraph",
                "<p>L'énergie la moins chère est celle qu'on ne consomme pas. "
                "L'efficacité énergétique s'applique à tous les piliers : isoler "
                "avant d'équiper, optimiser les procédés industriels, choisir des "
                "moteurs et des véhicules performants.</p>",
            ),
        ],
    },
    {
        "slug": "economie-circulaire",
        "title": "L'économie circulaire",
        "number": 7,
        "kind": "transversal",
        "priorities": [SOBRIETE],
        "introduction": (
            "Axe transversal : les déchets des uns deviennent les ressources des autres."
        ),
        "body": [
            (
                "paragraph",
                "<p>Réemploi des matériaux de construction, récupération de chaleur "
                "fatale, valorisation des déchets organiques par méthanisation, "
                "échanges de flux entre entreprises voisines : l'économie "
                "circulaire réduit la consommation de matières et d'énergie.</p>",
            ),
        ],
    },
    {
        "slug": "economie-fonctionnalite",
        "title": "L'économie de la fonctionnalité",
        "number": 8,
        "kind": "transversal",
        "priorities": [SOBRIETE, MOBILITE],
        "introduction": ("Axe transversal : vendre un usage ou un service plutôt qu'un bien."),
        "body": [
            (
                "paragraph",
                "<p>Louer de l'éclairage plutôt que des lampes, partager des "
                "véhicules plutôt que les posséder, contracter une performance "
                "énergétique plutôt qu'un équipement : l'économie de la "
                "fonctionnalité incite le fournisseur à faire durer ses produits "
                "et à économiser les ressources.</p>",
            ),
        ],
    },
]


# --------------------------------------------------------------------------------------
# Roadmap
# --------------------------------------------------------------------------------------

ROADMAP = {
    "slug": "feuille-de-route",
    "title": "La feuille de route",
    "show_in_menus": True,
    "introduction": (
        "La feuille de route décline le master plan en objectifs et en méthode. "
        "Validée par le Conseil régional, elle sert de repère aux porteurs de projets "
        "comme aux partenaires régionaux ; ses mises à jour sont publiées ici."
    ),
    "body": [
        (
            "paragraph",
            "<p>Présentée par Jean-François Caron, animateur politique de la démarche "
            "pour le Conseil régional, la feuille de route a été validée par "
            "l'assemblée plénière en juin 2013. Elle fixe l'objectif d'une économie "
            "décarbonée, retient trois priorités et organise l'accompagnement des "
            "projets.</p>",
        ),
        ("heading", {"text": "Les finalités", "level": "h2"}),
        (
            "paragraph",
            "<p>Chaque projet est examiné au regard des finalités inscrites dans la "
            "feuille de route : une intégration forte des dimensions sociales et "
            "environnementales, et la co-construction avec les parties prenantes de "
            "réponses efficaces sur les territoires. La Commission 15, consacrée à la "
            "TESR, y veille.</p>",
        ),
    ],
}

ROADMAP_UPDATES = [
    {
        "slug": "validation-feuille-de-route",
        "title": "Le Conseil régional valide la feuille de route de la TRI",
        "date": date(2013, 6, 27),
        "decided_by": "Assemblée plénière du Conseil régional",
        "priorities": ALL_PRIORITIES,
        "tags": ["feuille de route", "assemblée plénière"],
        "introduction": (
            "Réunis en assemblée plénière, les 113 élus régionaux ont validé la "
            "feuille de route présentée par Jean-François Caron."
        ),
        "body": [
            (
                "paragraph",
                "<p>La feuille de route traduit le master plan en objectifs et en "
                "méthode. Elle retient trois priorités : la sobriété énergétique "
                "responsable, les énergies renouvelables intelligentes (stockées et "
                "distribuées) et la mobilité durable.</p>",
            ),
            (
                "figures",
                [
                    {"value": "113", "label": "élus en assemblée plénière"},
                    {"value": "3", "label": "priorités"},
                ],
            ),
        ],
    },
    {
        "slug": "commission-15-transversalite",
        "title": "La Commission 15 devient le lieu de la transversalité des projets",
        "date": date(2013, 9, 26),
        "decided_by": "Président du Conseil régional",
        "priorities": ALL_PRIORITIES,
        "tags": ["TESR", "Commission 15", "gouvernance"],
        "introduction": (
            "La mise en œuvre de la TRI s'inscrit dans l'expérimentation de la "
            "Transformation écologique et sociale régionale (TESR)."
        ),
        "body": [
            (
                "paragraph",
                "<p>La Commission 15, consacrée à la TESR, examine les projets TRI de "
                "façon transversale et suit la démarche dans son ensemble. Elle "
                "vérifie notamment la prise en compte des dimensions sociales et "
                "environnementales et la co-construction avec les acteurs. Les mises "
                "à jour de la feuille de route sont publiées après son "
                "approbation.</p>",
            ),
        ],
    },
    {
        "slug": "lancement-ingenierie-mutualisee",
        "title": "Lancement de l'ingénierie mutualisée",
        "date": date(2013, 10, 17),
        "decided_by": "Commission 15 (TESR)",
        "priorities": ALL_PRIORITIES,
        "tags": ["ingénierie mutualisée", "accompagnement"],
        "introduction": (
            "L'ADEME, les pôles de compétences et l'équipe Rifkin mettent en commun "
            "leur expertise pour répondre aux porteurs de projets."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les groupes de travail de la première phase du master plan "
                "forment la base de cette ingénierie partagée. Les demandes qui "
                "relèvent des politiques de droit commun continuent d'être traitées "
                "par les services de la Région ; les autres sont orientées vers les "
                "organismes experts compétents.</p>",
            ),
        ],
    },
    {
        "slug": "criteres-de-financement",
        "title": "Des critères TRI dans les financements régionaux",
        "date": date(2013, 12, 12),
        "decided_by": "Conseil régional",
        "priorities": ALL_PRIORITIES,
        "tags": ["financements", "critères"],
        "introduction": (
            "Les financements mobilisés par la Région intègrent des critères de "
            "qualification et d'évaluation propres à la démarche TRI."
        ),
        "body": [
            (
                "paragraph",
                "<p>Quatre critères sont retenus : le nombre et l'articulation des "
                "piliers mobilisés ; les cibles de développement durable et la "
                "production de biens communs ; la dimension territoriale ; le degré "
                "d'implication et de coopération des acteurs. Le détail figure sur "
                "la page consacrée aux financements.</p>",
            ),
        ],
    },
    {
        "slug": "preparation-conference-financeurs",
        "title": "Préparation de la conférence des financeurs",
        "date": date(2014, 1, 23),
        "decided_by": "Commission 15 (TESR)",
        "priorities": ALL_PRIORITIES,
        "tags": ["financements", "conférence des financeurs"],
        "introduction": (
            "Une conférence réunira les financeurs publics et privés pour mobiliser "
            "des moyens au service des projets TRI."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les porteurs de projets suffisamment avancés sont invités à "
                "préparer un dossier de présentation. L'ingénierie mutualisée les "
                "aide à décrire les piliers mobilisés, le plan de financement et "
                "les partenaires associés.</p>",
            ),
        ],
    },
    {
        "slug": "premieres-assises",
        "title": "Premières assises annuelles de la TRI",
        "date": date(2014, 6, 12),
        "decided_by": "Conseil régional, avec l'équipe Rifkin",
        "priorities": ALL_PRIORITIES,
        "tags": ["assises", "partenariat Rifkin"],
        "introduction": (
            "Le partenariat avec Jeremy Rifkin se poursuit : des assises annuelles "
            "rendent les projets visibles."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les assises font le point chaque année sur les projets engagés. "
                "Entre deux éditions, l'équipe Rifkin travaille sur des sujets "
                "précis en conférence téléphonique ou en réunion, et relaie les "
                "demandes de la région auprès des ministères et de l'Europe.</p>",
            ),
        ],
    },
]


# --------------------------------------------------------------------------------------
# Experimentation right
# --------------------------------------------------------------------------------------

EXPERIMENTATION = {
    "slug": "droit-a-l-experimentation",
    "title": "Le droit à l'expérimentation",
    "show_in_menus": True,
    "status": "proposed",
    "introduction": (
        "Certains projets TRI se heurtent à des règles conçues pour un système "
        "énergétique centralisé. Le droit à l'expérimentation permet, sous "
        "conditions, de tester pour une durée limitée ce que les règles ordinaires "
        "ne permettent pas encore."
    ),
    "legal_basis": (
        "<p>La Constitution ouvre deux voies. L'article 72 permet aux collectivités "
        "territoriales, dans les conditions prévues par une loi organique, de "
        "déroger à titre expérimental, pour un objet et une durée limités, aux "
        "dispositions législatives ou réglementaires qui régissent l'exercice de "
        "leurs compétences. L'article 37-1 autorise la loi et le règlement à "
        "comporter des dispositions à caractère expérimental.</p><p>Dans les deux "
        "cas, c'est un texte national qui ouvre l'expérimentation : la Région ne "
        "peut pas l'accorder seule. Les conditions précises sont vérifiées au cas "
        "par cas avec les services juridiques.</p>"
    ),
    "scope": (
        "<p>Sont concernés les projets qu'une règle existante bloque ou freine, par "
        "exemple pour partager localement de l'énergie, stocker de l'électricité ou "
        "organiser de nouveaux services de mobilité. L'expérimentation porte sur un "
        "objet précis, un territoire défini et une durée limitée.</p>"
    ),
    "conditions": (
        "<ul><li>Identifier précisément la règle qui fait obstacle et ce qu'il "
        "faudrait pouvoir faire à la place.</li><li>Montrer l'intérêt du projet au "
        "regard des finalités de la feuille de route.</li><li>Prévoir dès le départ "
        "une évaluation, qui permettra de décider de généraliser, de modifier ou "
        "d'abandonner la mesure.</li><li>Réunir plusieurs projets ou territoires "
        "confrontés au même obstacle, pour porter une demande commune.</li></ul>"
    ),
    "carried_by": (
        "<p>Le droit à l'expérimentation est porté collectivement : la Région "
        "rassemble les demandes, l'ingénierie mutualisée les instruit et la "
        "Commission 15 en assure le suivi transversal. Le réseau international de "
        "Jeremy Rifkin aide à relayer ces demandes auprès des ministères et des "
        "institutions européennes.</p>"
    ),
    "carrier_bodies": [RIFKIN, ADEME],
    "priorities": ALL_PRIORITIES,
    "body": [
        (
            "callout",
            {
                "kind": "warning",
                "title": "Une démarche longue",
                "body": "<p>Une expérimentation suppose un texte qui l'autorise. "
                "Avant de la demander, vérifiez avec l'ingénierie mutualisée que le "
                "projet ne peut pas être mené dans le cadre actuel.</p>",
            },
        ),
    ],
}


# --------------------------------------------------------------------------------------
# Priorities (one page per priority snippet)
# --------------------------------------------------------------------------------------

PRIORITY_INDEX = {
    "slug": "priorites",
    "title": "Les trois priorités",
    "show_in_menus": True,
    "introduction": (
        "La feuille de route concentre l'effort sur trois priorités. Chacune a ses "
        "modes d'emploi et ses organismes experts."
    ),
    "body": [],
}

PRIORITY_PAGES = {
    SOBRIETE: {
        "title": "Sobriété énergétique responsable",
        "introduction": (
            "Réduire les besoins en énergie avant de chercher à les couvrir : "
            "bâtiments, procédés industriels, usages quotidiens."
        ),
        "body": [
            (
                "paragraph",
                "<p>La sobriété responsable ne signifie pas se priver : elle "
                "consiste à supprimer les gaspillages, rénover les bâtiments, "
                "améliorer l'efficacité des équipements et partager plutôt que "
                "multiplier. Elle s'appuie sur deux axes transversaux du master "
                "plan, l'efficacité énergétique et l'économie circulaire.</p>",
            ),
        ],
    },
    ENR: {
        "title": "Énergies renouvelables intelligentes, stockées et distribuées",
        "introduction": (
            "Produire localement une énergie renouvelable, la stocker et la partager "
            "grâce aux réseaux intelligents."
        ),
        "body": [
            (
                "paragraph",
                "<p>Cette priorité réunit trois piliers du master plan : la "
                "production renouvelable, le stockage (dont l'hydrogène) et les "
                "réseaux intelligents. Les bâtiments producteurs d'énergie en sont "
                "le point de départ concret.</p>",
            ),
        ],
    },
    MOBILITE: {
        "title": "Mobilité durable",
        "introduction": (
            "Se déplacer et transporter des marchandises en consommant moins et en émettant moins."
        ),
        "body": [
            (
                "paragraph",
                "<p>La mobilité durable combine la réduction des déplacements "
                "contraints, les transports collectifs et partagés, et "
                "l'électrification des véhicules, à batterie ou à pile à "
                "combustible. Elle concerne autant les territoires ruraux que les "
                "agglomérations.</p>",
            ),
        ],
    },
}


# --------------------------------------------------------------------------------------
# Expert bodies (pooled engineering) and their guide sections
# --------------------------------------------------------------------------------------

EXPERT_BODY_INDEX = {
    "slug": "ingenierie-mutualisee",
    "title": "L'ingénierie mutualisée",
    "show_in_menus": True,
    "introduction": (
        "L'ADEME, les pôles de compétences et l'équipe Rifkin mettent en commun leur "
        "expertise pour répondre aux porteurs de projets TRI."
    ),
    "body": [
        (
            "paragraph",
            "<p>Les projets qui relèvent d'un dispositif régional existant sont "
            "traités dans le cadre du <b>droit commun</b>. Les autres, les plus "
            "nombreux, demandent une organisation collective : c'est le rôle de "
            "l'ingénierie mutualisée, issue des groupes de travail de la première "
            "phase du master plan.</p>",
        ),
    ],
}

EXPERT_BODY_PAGES = {
    ADEME: {
        "title": "ADEME",
        "introduction": (
            "L'agence de l'État pour la transition écologique, partenaire de la Région "
            "sur l'énergie, les déchets et la mobilité."
        ),
        "competences": [
            (
                "paragraph",
                "<ul><li>Diagnostics et études énergétiques</li><li>Connaissance des "
                "aides nationales et des appels à projets</li><li>Méthodes "
                "d'évaluation des effets environnementaux</li><li>Montage des plans "
                "de financement</li></ul>",
            ),
        ],
    },
    CD2E: {
        "title": "CD2E",
        "introduction": (
            "Le pôle de compétences de l'éco-transition : éco-construction, énergies "
            "renouvelables, économie circulaire."
        ),
        "competences": [
            (
                "paragraph",
                "<ul><li>Rénovation et construction performantes, matériaux "
                "biosourcés et de réemploi</li><li>Intégration des énergies "
                "renouvelables dans les bâtiments</li><li>Démarches d'économie "
                "circulaire entre entreprises</li></ul>",
            ),
        ],
    },
    MEDEE: {
        "title": "Pôle MEDEE",
        "introduction": (
            "Le pôle de compétences de l'énergie électrique et de l'efficacité énergétique."
        ),
        "competences": [
            (
                "paragraph",
                "<ul><li>Efficacité des moteurs, des entraînements et des procédés "
                "électriques</li><li>Pilotage et gestion de l'énergie, réseaux "
                "intelligents</li><li>Stockage électrique et "
                "autoconsommation</li></ul>",
            ),
        ],
    },
    I_TRANS: {
        "title": "Pôle i-Trans",
        "introduction": ("Le pôle de compétences des transports et de la mobilité durable."),
        "competences": [
            (
                "paragraph",
                "<ul><li>Services de mobilité et intermodalité</li><li>Véhicules "
                "électriques et à hydrogène, infrastructures de recharge</li>"
                "<li>Logistique et transport de marchandises</li></ul>",
            ),
        ],
    },
    RIFKIN: {
        "title": "L'équipe Rifkin",
        "introduction": (
            "L'équipe de Jeremy Rifkin, co-auteur du master plan, poursuit son "
            "partenariat avec la Région."
        ),
        "competences": [
            (
                "paragraph",
                "<ul><li>Articulation des cinq piliers dans un même projet</li><li>"
                "Retours d'expérience internationaux</li><li>Relais auprès des "
                "ministères et des institutions européennes, notamment pour le "
                "droit à l'expérimentation</li><li>Préparation des assises "
                "annuelles</li></ul>",
            ),
        ],
    },
}

GUIDE_INDEX = {
    "slug": "modes-d-emploi",
    "title": "Les modes d'emploi",
    "show_in_menus": True,
    "introduction": (
        "Des guides pratiques pour monter un projet TRI, classés par organisme "
        "expert. Chaque guide indique à qui il s'adresse, les conditions et les "
        "étapes."
    ),
    "body": [],
}

GUIDE_SECTIONS = {
    ADEME: {
        "slug": "ademe",
        "title": "Modes d'emploi de l'ADEME",
        "introduction": "Financements, méthodes d'évaluation et montage de dossiers.",
    },
    CD2E: {
        "slug": "cd2e",
        "title": "Modes d'emploi du CD2E",
        "introduction": "Éco-construction, rénovation et économie circulaire.",
    },
    MEDEE: {
        "slug": "pole-medee",
        "title": "Modes d'emploi du pôle MEDEE",
        "introduction": "Énergie électrique, autoconsommation et efficacité.",
    },
    I_TRANS: {
        "slug": "i-trans",
        "title": "Modes d'emploi du pôle i-Trans",
        "introduction": "Mobilité durable, recharge et logistique.",
    },
    RIFKIN: {
        "slug": "equipe-rifkin",
        "title": "Modes d'emploi de l'équipe Rifkin",
        "introduction": "Articulation des piliers et droit à l'expérimentation.",
    },
}


# --------------------------------------------------------------------------------------
# How-to guides; "section" is the expert body whose section holds the guide, or None
# for a guide placed directly in the guides index.
# --------------------------------------------------------------------------------------

# Review dates (knowledge/review/): the guides' owners are their sections' bodies (the
# first guide, outside any section, is the editors'); these two are due, days from the
# day the demo is built, one overdue and one soon, for the report and the reminders.
GUIDE_REVIEW_DUE_IN_DAYS = {
    "dossier-conference-des-financeurs": -20,
    "bornes-de-recharge-territoire-rural": 12,
}

GUIDES = [
    {
        "section": None,
        "slug": "droit-commun-ou-ingenierie-mutualisee",
        "title": "Savoir si ma demande relève du droit commun",
        "introduction": (
            "Avant de solliciter l'ingénierie mutualisée, vérifiez si un dispositif "
            "régional existant répond déjà à votre besoin."
        ),
        "audience": (
            "Tout porteur de projet : entreprise, commune ou intercommunalité, "
            "association, bailleur social."
        ),
        "eligibility": (
            "<p>Ce guide s'applique à toute demande, quel que soit le stade du projet.</p>"
        ),
        "steps": [
            (
                "Décrire le besoin en une phrase",
                "<p>Formulez ce que vous attendez : une aide financière, un conseil "
                "technique, une mise en relation, une dérogation à une règle.</p>",
            ),
            (
                "Chercher le dispositif régional correspondant",
                "<p>Si votre projet entre dans un champ d'intervention habituel de la "
                "Région (rénovation d'un bâtiment, aide à l'investissement d'une "
                "entreprise, étude de faisabilité…), il relève du <b>droit "
                "commun</b> : adressez-vous directement au service concerné.</p>",
            ),
            (
                "Repérer ce qui dépasse le droit commun",
                "<p>Le projet associe-t-il plusieurs piliers, plusieurs acteurs, "
                "plusieurs financeurs ? Une règle existante l'empêche-t-elle ? Dans "
                "ces cas, il demande une organisation collective.</p>",
            ),
            (
                "Déposer une demande",
                "<p>Décrivez votre projet, votre territoire et vos partenaires. La "
                "coordination TRI qualifie la demande : réponse de droit commun, "
                "demande de précisions ou orientation vers un ou plusieurs "
                "organismes experts.</p>",
            ),
        ],
        "priorities": ALL_PRIORITIES,
        "territories": [REGION],
        "expert_bodies": [],
        "tags": ["droit commun", "ingénierie mutualisée", "premiers pas"],
    },
    {
        "section": RIFKIN,
        "slug": "faire-qualifier-son-projet",
        "title": "Faire qualifier son projet TRI au regard des critères de financement",
        "introduction": (
            "Préparez votre projet à l'examen selon la grille de qualification et "
            "d'évaluation introduite dans les financements régionaux."
        ),
        "audience": (
            "Porteurs de projets qui sollicitent un financement de la Région au titre de la TRI."
        ),
        "eligibility": (
            "<p>Projets suffisamment définis pour présenter leurs objectifs, leurs "
            "partenaires et leur territoire. Une idée encore floue peut d'abord être "
            "discutée avec un organisme expert.</p>"
        ),
        "steps": [
            (
                "Situer le projet dans les piliers",
                "<p>Indiquez quels piliers du master plan il mobilise et comment ils "
                "s'articulent : un bâtiment qui produit, stocke et alimente des "
                "véhicules pèse davantage qu'une installation isolée.</p>",
            ),
            (
                "Décrire les effets attendus",
                "<p>Présentez les effets sur l'environnement, l'économie, l'emploi, "
                "le social et l'efficacité énergétique, ainsi que les biens communs "
                "produits (énergie partagée, service ouvert, savoir-faire "
                "transmis).</p>",
            ),
            (
                "Montrer l'ancrage territorial",
                "<p>Expliquez comment le projet s'articule avec son territoire : "
                "ressources locales, besoins des habitants, autres projets "
                "voisins.</p>",
            ),
            (
                "Présenter les acteurs et leur coopération",
                "<p>Listez les partenaires, leur rôle et leur engagement. Une "
                "coopération réelle entre acteurs publics, privés et associatifs "
                "est un critère à part entière.</p>",
            ),
            (
                "Demander une relecture",
                "<p>Soumettez votre présentation à l'ingénierie mutualisée, qui "
                "vous signale les points faibles au regard de la grille avant le "
                "dépôt.</p>",
            ),
        ],
        "priorities": ALL_PRIORITIES,
        "territories": [REGION],
        "expert_bodies": [RIFKIN, ADEME],
        "tags": ["financements", "critères", "qualification"],
    },
    {
        "section": RIFKIN,
        "slug": "portage-collectif-droit-experimentation",
        "title": "Demander un portage collectif du droit à l'expérimentation",
        "introduction": (
            "Votre projet se heurte à une règle ? Voici comment le signaler pour "
            "qu'il soit porté avec d'autres dans une demande d'expérimentation."
        ),
        "audience": (
            "Collectivités, entreprises et groupements dont le projet est bloqué par "
            "une disposition législative ou réglementaire."
        ),
        "eligibility": (
            "<p>Le projet doit être compatible avec la feuille de route et l'obstacle "
            "doit être identifié précisément. L'expérimentation ne peut être ouverte "
            "que par un texte national : la Région porte la demande, elle ne "
            "l'accorde pas.</p>"
        ),
        "steps": [
            (
                "Nommer la règle qui bloque",
                "<p>Citez le texte en cause et décrivez ce qu'il empêche. Précisez "
                "ce qu'il faudrait pouvoir faire, sur quel territoire et pendant "
                "combien de temps.</p>",
            ),
            (
                "Vérifier qu'il n'existe pas d'autre solution",
                "<p>Avec l'ingénierie mutualisée, assurez-vous que le projet ne peut "
                "pas être adapté au cadre actuel.</p>",
            ),
            (
                "Rejoindre les projets confrontés au même obstacle",
                "<p>La coordination TRI rapproche les demandes similaires. Une "
                "demande commune, portée par plusieurs acteurs, a plus de poids.</p>",
            ),
            (
                "Prévoir l'évaluation",
                "<p>Proposez des indicateurs simples permettant de mesurer les "
                "effets de l'expérimentation et de décider de sa suite.</p>",
            ),
        ],
        "priorities": ALL_PRIORITIES,
        "territories": [REGION],
        "expert_bodies": [RIFKIN, ADEME],
        "tags": ["droit à l'expérimentation", "réglementation"],
    },
    {
        "section": ADEME,
        "slug": "dossier-conference-des-financeurs",
        "title": "Préparer son dossier pour la conférence des financeurs",
        "introduction": (
            "La conférence des financeurs réunit financeurs publics et privés. Un "
            "dossier clair et complet augmente vos chances d'y trouver des "
            "partenaires."
        ),
        "audience": (
            "Porteurs de projets au plan de financement avancé, cherchant à compléter "
            "un tour de table."
        ),
        "eligibility": (
            "<p>Projets dont les études préalables sont réalisées et dont le budget "
            "est estimé. Les projets au stade de l'idée sont orientés vers "
            "l'ingénierie mutualisée.</p>"
        ),
        "steps": [
            (
                "Résumer le projet en une page",
                "<p>Objet, territoire, piliers mobilisés, partenaires, calendrier, "
                "montant total.</p>",
            ),
            (
                "Établir le plan de financement",
                "<p>Distinguez fonds propres, aides publiques obtenues ou "
                "sollicitées, prêts et apports privés. Indiquez ce qui reste à "
                "trouver.</p>",
            ),
            (
                "Montrer le modèle économique",
                "<p>Expliquez comment le projet se rembourse ou se finance dans la "
                "durée : économies d'énergie, ventes d'énergie, services "
                "rendus.</p>",
            ),
            (
                "Joindre les pièces utiles",
                "<p>Études, devis, lettres d'engagement des partenaires, "
                "délibérations pour les collectivités.</p>",
            ),
        ],
        "priorities": ALL_PRIORITIES,
        "territories": [REGION],
        "expert_bodies": [ADEME],
        "tags": ["conférence des financeurs", "financements"],
    },
    {
        "section": ADEME,
        "slug": "reduire-consommation-site-industriel",
        "title": "Réduire la consommation d'énergie d'un site industriel",
        "introduction": (
            "Du diagnostic au plan d'actions : la démarche pour engager un site "
            "industriel dans la sobriété énergétique."
        ),
        "audience": "Entreprises industrielles et zones d'activités.",
        "eligibility": (
            "<p>Tout site de production. Les aides mobilisables dépendent de la "
            "taille de l'entreprise et de la nature des investissements.</p>"
        ),
        "steps": [
            (
                "Mesurer les consommations",
                "<p>Rassemblez les factures et, si possible, des mesures par poste : "
                "procédés, air comprimé, froid, chauffage, éclairage.</p>",
            ),
            (
                "Faire réaliser un diagnostic",
                "<p>Un diagnostic énergétique identifie les gisements d'économie et "
                "les classe selon leur coût et leur temps de retour.</p>",
            ),
            (
                "Étudier la récupération de chaleur",
                "<p>La chaleur perdue par les procédés peut chauffer des locaux, "
                "d'autres procédés ou un réseau de chaleur voisin.</p>",
            ),
            (
                "Bâtir et suivre le plan d'actions",
                "<p>Commencez par les mesures sans investissement, puis programmez "
                "les investissements. Suivez les consommations pour vérifier les "
                "gains.</p>",
            ),
        ],
        "priorities": [SOBRIETE],
        "territories": ["cote-d-opale", "hainaut-cambresis", "bassin-minier"],
        "expert_bodies": [ADEME, MEDEE],
        "tags": ["industrie", "efficacité énergétique", "chaleur fatale"],
    },
    {
        "section": CD2E,
        "slug": "batiment-public-producteur-energie",
        "title": "Rénover un bâtiment public en bâtiment producteur d'énergie",
        "introduction": (
            "Une école, une mairie ou un gymnase peuvent, une fois rénovés, produire "
            "une part de l'énergie qu'ils consomment."
        ),
        "audience": ("Communes, intercommunalités, départements, établissements publics."),
        "eligibility": (
            "<p>Bâtiments publics dont la collectivité est propriétaire ou "
            "gestionnaire. La rénovation énergétique précède toujours l'installation "
            "de production.</p>"
        ),
        "steps": [
            (
                "Établir l'état des lieux",
                "<p>Faites réaliser un audit énergétique : consommations, état de "
                "l'enveloppe et des équipements, usages du bâtiment.</p>",
            ),
            (
                "Réduire d'abord les besoins",
                "<p>Isolation, menuiseries, ventilation, régulation du chauffage : "
                "définissez un programme de travaux cohérent plutôt qu'une suite "
                "d'interventions isolées.</p>",
            ),
            (
                "Choisir la production sur place",
                "<p>Photovoltaïque en toiture, pompe à chaleur, chaudière biomasse, "
                "raccordement à un réseau de chaleur : l'étude compare les "
                "solutions selon le site.</p>",
            ),
            (
                "Penser au partage de l'énergie",
                "<p>La production excédentaire peut alimenter des bâtiments voisins "
                "dans le cadre d'une opération d'autoconsommation collective.</p>",
            ),
            (
                "Suivre les performances",
                "<p>Prévoyez un suivi des consommations et de la production, et "
                "impliquez les usagers du bâtiment.</p>",
            ),
        ],
        "priorities": [SOBRIETE, ENR],
        "territories": [REGION],
        "expert_bodies": [CD2E, ADEME],
        "tags": ["bâtiment", "rénovation", "collectivités"],
    },
    {
        "section": CD2E,
        "slug": "boucle-economie-circulaire",
        "title": "Engager une démarche d'économie circulaire entre entreprises",
        "introduction": (
            "Repérer les flux de matières, d'eau et d'énergie qu'entreprises voisines "
            "peuvent échanger."
        ),
        "audience": (
            "Entreprises d'une même zone d'activités, gestionnaires de zones, intercommunalités."
        ),
        "eligibility": (
            "<p>Démarches collectives associant plusieurs entreprises d'un même territoire.</p>"
        ),
        "steps": [
            (
                "Réunir les entreprises",
                "<p>Présentez la démarche et recueillez l'accord des entreprises pour "
                "partager des informations sur leurs flux.</p>",
            ),
            (
                "Cartographier les flux",
                "<p>Recensez les ressources entrantes et les déchets ou excédents "
                "sortants : matières, chaleur, eau, emballages.</p>",
            ),
            (
                "Identifier les synergies",
                "<p>Rapprochez ce qui sort d'une entreprise de ce dont une autre a "
                "besoin, et évaluez la faisabilité technique et économique.</p>",
            ),
            (
                "Lancer une première synergie",
                "<p>Commencez par un échange simple pour créer la confiance, puis élargissez.</p>",
            ),
        ],
        "priorities": [SOBRIETE],
        "territories": ["metropole-lilloise", "artois", "cote-d-opale"],
        "expert_bodies": [CD2E],
        "tags": ["économie circulaire", "entreprises"],
    },
    {
        "section": MEDEE,
        "slug": "autoconsommation-collective",
        "title": "Monter un projet d'autoconsommation collective",
        "introduction": (
            "Partager l'électricité produite localement entre plusieurs "
            "consommateurs proches : habitants, entreprises, équipements publics."
        ),
        "audience": (
            "Collectivités, bailleurs sociaux, copropriétés, entreprises d'une zone "
            "d'activités, associations citoyennes."
        ),
        "eligibility": (
            "<p>Producteurs et consommateurs situés à proximité, dans les conditions "
            "fixées par la réglementation en vigueur. Les participants se "
            "regroupent au sein d'une personne morale organisatrice.</p>"
        ),
        "steps": [
            (
                "Réunir producteurs et consommateurs",
                "<p>Identifiez l'installation de production (existante ou à créer) "
                "et les consommateurs intéressés, et comparez leurs profils de "
                "consommation.</p>",
            ),
            (
                "Vérifier le périmètre avec le gestionnaire de réseau",
                "<p>Le gestionnaire du réseau de distribution confirme que les "
                "participants peuvent faire partie de la même opération.</p>",
            ),
            (
                "Créer la personne morale organisatrice",
                "<p>Association, coopérative, collectivité ou bailleur : elle "
                "représente les participants et fixe la clé de répartition de "
                "l'énergie.</p>",
            ),
            (
                "Établir le modèle économique",
                "<p>Définissez le prix de l'électricité partagée, le traitement du "
                "surplus et le partage des coûts d'installation et de gestion.</p>",
            ),
            (
                "Déclarer l'opération et la suivre",
                "<p>Transmettez la convention au gestionnaire de réseau, puis suivez "
                "la production et la consommation pour ajuster la répartition.</p>",
            ),
        ],
        "priorities": [ENR, SOBRIETE],
        "territories": ["metropole-lilloise", "bassin-minier", "flandre-interieure"],
        "expert_bodies": [MEDEE, ADEME],
        "tags": ["autoconsommation", "photovoltaïque", "réseaux intelligents"],
    },
    {
        "section": I_TRANS,
        "slug": "plan-de-mobilite-employeur",
        "title": "Lancer un plan de mobilité employeur",
        "introduction": (
            "Aider les salariés à venir travailler autrement qu'en voiture seule : "
            "transports collectifs, covoiturage, vélo, télétravail."
        ),
        "audience": (
            "Entreprises, administrations et établissements publics, seuls ou "
            "regroupés sur une zone d'activités."
        ),
        "eligibility": (
            "<p>Tout employeur. Un plan commun à plusieurs employeurs voisins "
            "mutualise les moyens et les solutions.</p>"
        ),
        "steps": [
            (
                "Connaître les déplacements",
                "<p>Interrogez les salariés sur leurs trajets, leurs horaires et ce "
                "qui les ferait changer de mode de transport.</p>",
            ),
            (
                "Établir le diagnostic d'accessibilité",
                "<p>Recensez la desserte en transports collectifs, les "
                "aménagements cyclables et les possibilités de covoiturage autour "
                "du site.</p>",
            ),
            (
                "Choisir les mesures",
                "<p>Stationnement vélo, aide au covoiturage, prise en charge des "
                "abonnements, télétravail, aménagement des horaires, véhicules de "
                "service électriques.</p>",
            ),
            (
                "Associer les partenaires",
                "<p>Autorité organisatrice de la mobilité, employeurs voisins et "
                "représentants du personnel.</p>",
            ),
            (
                "Suivre et ajuster",
                "<p>Renouvelez l'enquête pour mesurer l'évolution des pratiques et "
                "adapter les mesures.</p>",
            ),
        ],
        "priorities": [MOBILITE],
        "territories": ["metropole-lilloise", "hainaut-cambresis", "artois"],
        "expert_bodies": [I_TRANS, ADEME],
        "tags": ["mobilité", "entreprises", "covoiturage"],
    },
    {
        "section": I_TRANS,
        "slug": "bornes-de-recharge-territoire-rural",
        "title": "Installer des bornes de recharge sur un territoire rural",
        "introduction": (
            "Dimensionner et implanter un réseau de recharge pour véhicules "
            "électriques là où les distances sont longues et les usagers moins "
            "nombreux."
        ),
        "audience": "Communes rurales, intercommunalités, syndicats d'énergie.",
        "eligibility": (
            "<p>Projets portés par une collectivité ou un groupement, en cohérence "
            "avec la planification de la recharge existante sur le territoire.</p>"
        ),
        "steps": [
            (
                "Évaluer les besoins",
                "<p>Identifiez les lieux de passage et d'arrêt : centres-bourgs, "
                "commerces, équipements publics, aires de covoiturage.</p>",
            ),
            (
                "Se coordonner avec les acteurs de la recharge",
                "<p>Vérifiez l'articulation avec le syndicat d'énergie et les "
                "projets des communes voisines pour éviter les doublons et les "
                "zones blanches.</p>",
            ),
            (
                "Choisir les puissances et le mode d'exploitation",
                "<p>Recharge lente là où l'on stationne longtemps, rapide sur les "
                "axes. Décidez qui exploite et entretient les bornes.</p>",
            ),
            (
                "Étudier le lien avec la production locale",
                "<p>Une ombrière photovoltaïque ou un stockage peut alimenter les "
                "bornes et limiter les coûts de raccordement.</p>",
            ),
        ],
        "priorities": [MOBILITE, ENR],
        "territories": ["flandre-interieure", "artois", "hainaut-cambresis"],
        "expert_bodies": [I_TRANS, MEDEE],
        "tags": ["recharge", "véhicules électriques", "rural"],
    },
]


# --------------------------------------------------------------------------------------
# Financing
# --------------------------------------------------------------------------------------

FINANCING = {
    "slug": "financements",
    "title": "Les financements",
    "show_in_menus": True,
    "introduction": (
        "Les financements mobilisés par la Région au titre de la TRI s'appuient sur "
        "une grille de qualification et d'évaluation commune à tous les projets."
    ),
    "criteria": [
        (
            "criterion",
            {
                "title": "Le nombre et l'articulation des piliers",
                "description": "<p>Un projet TRI gagne à mobiliser plusieurs "
                "piliers du master plan et à les relier entre eux.</p>",
                "questions": [
                    "Quels piliers du master plan le projet mobilise-t-il ?",
                    "Comment ces piliers s'articulent-ils concrètement ?",
                    "Le projet s'appuie-t-il sur les axes transversaux (efficacité "
                    "énergétique, économie circulaire, économie de la "
                    "fonctionnalité) ?",
                ],
            },
        ),
        (
            "criterion",
            {
                "title": "Les cibles de développement durable et les biens communs",
                "description": "<p>Le projet est apprécié selon ses effets sur "
                "l'environnement, l'économie, le social et l'efficacité "
                "énergétique, et selon les biens communs qu'il produit.</p>",
                "questions": [
                    "Quels effets attendus sur l'environnement et l'efficacité énergétique ?",
                    "Quels effets sur l'activité économique, l'emploi et la cohésion sociale ?",
                    "Quels biens communs le projet produit-il ?",
                ],
            },
        ),
        (
            "criterion",
            {
                "title": "La dimension territoriale",
                "description": "<p>Le projet s'articule avec son territoire, ses "
                "ressources et ses autres projets.</p>",
                "questions": [
                    "Quelles ressources locales le projet valorise-t-il ?",
                    "Comment s'articule-t-il avec les autres projets du territoire ?",
                ],
            },
        ),
        (
            "criterion",
            {
                "title": "L'implication et la coopération des acteurs",
                "description": "<p>Le degré d'implication et de coopération des "
                "acteurs concernés est évalué.</p>",
                "questions": [
                    "Quels acteurs sont associés et quel est leur rôle ?",
                    "Les habitants ou usagers sont-ils impliqués ?",
                    "Comment la coopération est-elle organisée dans la durée ?",
                ],
            },
        ),
    ],
    "body": [
        ("heading", {"text": "Mobiliser les financements", "level": "h2"}),
        (
            "paragraph",
            "<p>Les projets relevant des politiques régionales de droit commun "
            "suivent les dispositifs habituels. Pour les autres, l'ingénierie "
            "mutualisée aide à combiner financements publics et privés ; une "
            "conférence des financeurs rassemble les partenaires susceptibles de "
            "s'engager.</p>",
        ),
    ],
}


# --------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------

EVENT_INDEX = {
    "slug": "agenda",
    "title": "Agenda",
    "show_in_menus": True,
    "introduction": (
        "Les assises annuelles de la TRI, la conférence des financeurs et les "
        "rencontres de travail."
    ),
}

EVENTS = [
    {
        "slug": "assises-2014",
        "title": "Assises de la TRI 2014",
        "kind": "assises",
        "start": datetime(2014, 6, 12, 9, 0, tzinfo=PARIS),
        "end": datetime(2014, 6, 12, 17, 30, tzinfo=PARIS),
        "location": "Lille",
        "introduction": (
            "Premières assises annuelles, organisées dans le cadre du partenariat "
            "avec Jeremy Rifkin : les porteurs de projets présentent leurs "
            "réalisations."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les assises rendent lisibles les projets engagés depuis la "
                "validation de la feuille de route et permettent aux porteurs de "
                "projets de se rencontrer.</p>",
            ),
        ],
    },
    {
        "slug": "conference-des-financeurs-2014",
        "title": "Conférence des financeurs",
        "kind": "funders",
        "start": datetime(2014, 3, 20, 14, 0, tzinfo=PARIS),
        "end": datetime(2014, 3, 20, 18, 0, tzinfo=PARIS),
        "location": "Hôtel de Région, Lille",
        "introduction": (
            "Financeurs publics et privés et porteurs de projets se rencontrent pour "
            "compléter les plans de financement des projets TRI."
        ),
        "body": [
            (
                "paragraph",
                "<p>Les porteurs de projets préparent leur présentation avec "
                "l'ingénierie mutualisée. Le mode d'emploi « Préparer son dossier "
                "pour la conférence des financeurs » détaille les pièces "
                "attendues.</p>",
            ),
        ],
    },
    {
        "slug": "assises-2027",
        "title": "Assises de la TRI 2027",
        "kind": "assises",
        "start": datetime(2027, 6, 10, 9, 0, tzinfo=PARIS),
        "end": datetime(2027, 6, 10, 17, 30, tzinfo=PARIS),
        "location": "Lille",
        "introduction": (
            "Les assises annuelles font le point sur les projets de la TRI et "
            "préparent les prochaines étapes de la feuille de route."
        ),
        "body": [
            (
                "paragraph",
                "<p>Au programme : présentation des projets de l'année, ateliers par "
                "priorité et échanges avec l'équipe Rifkin. Le programme détaillé "
                "sera publié sur cette page.</p>",
            ),
        ],
    },
]


# --------------------------------------------------------------------------------------
# Standard pages (not in menus; linked from the footer)
# --------------------------------------------------------------------------------------

DEMO_NOTICE = (
    "callout",
    {
        "kind": "warning",
        "title": "Contenu de démonstration",
        "body": "<p>Les coordonnées et identifiants de cette page sont à compléter "
        "avant la mise en service du site.</p>",
    },
)

STANDARD_PAGES = [
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "show_in_menus": False,
        "introduction": "Éditeur, hébergement et conditions de réutilisation du site.",
        "body": [
            DEMO_NOTICE,
            ("heading", {"text": "Éditeur", "level": "h2"}),
            (
                "paragraph",
                "<p>Ce site est édité par le Conseil régional, dans le cadre de la "
                "démarche de Troisième Révolution Industrielle. Le directeur de la "
                "publication est le Président du Conseil régional.</p>",
            ),
            ("heading", {"text": "Hébergement", "level": "h2"}),
            (
                "paragraph",
                "<p>Le nom et l'adresse de l'hébergeur sont indiqués ici lors de la "
                "mise en service.</p>",
            ),
            ("heading", {"text": "Réutilisation des contenus", "level": "h2"}),
            (
                "paragraph",
                "<p>Les textes publiés peuvent être réutilisés à condition de citer "
                "la source. Les réponses publiées à partir des demandes des porteurs "
                "de projets sont anonymisées et ne le sont qu'avec leur accord.</p>",
            ),
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Déclaration d'accessibilité",
        "show_in_menus": False,
        "introduction": (
            "Le Conseil régional s'engage à rendre ce site accessible, conformément "
            "à l'article 47 de la loi n° 2005-102 du 11 février 2005 et au référentiel "
            "général d'amélioration de l'accessibilité (RGAA 4.1)."
        ),
        "body": [
            DEMO_NOTICE,
            ("heading", {"text": "État de conformité", "level": "h2"}),
            (
                "paragraph",
                "<p>Ce site est <b>non conforme</b> au RGAA 4.1 : il n'a pas encore fait "
                "l'objet d'un audit de conformité. Il a été conçu et vérifié au fil de "
                "son développement selon ce référentiel ; la présente déclaration sera "
                "mise à jour avec le taux de conformité mesuré par l'audit, prévu avant "
                "la mise en service.</p>",
            ),
            ("heading", {"text": "Pages qui seront testées", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>L'accueil, le plan du site et les mentions légales</li>"
                "<li>La recherche et ses résultats</li>"
                "<li>Un mode d'emploi, une fiche d'organisme expert, une actualité de "
                "la feuille de route et une page d'agenda</li>"
                "<li>La création de compte et la connexion</li>"
                "<li>Le dépôt d'une demande, avec pièces jointes, et son suivi</li>"
                "<li>La page « Mes données » (téléchargement et suppression du "
                "compte)</li></ul>",
            ),
            ("heading", {"text": "Contenus non accessibles", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Certains documents joints (PDF anciens) ne sont pas "
                "balisés.</li><li>Certaines images transmises par les partenaires "
                "n'ont pas encore d'alternative textuelle.</li></ul>",
            ),
            ("heading", {"text": "Technologies utilisées", "level": "h2"}),
            (
                "paragraph",
                "<p>HTML5, CSS et JavaScript (les pages restent utilisables sans JavaScript).</p>",
            ),
            ("heading", {"text": "Retour d'information et contact", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous ne pouvez pas accéder à un contenu ou à un service, "
                "contactez l'équipe TRI du Conseil régional pour obtenir une "
                "alternative accessible ou le contenu sous une autre forme.</p>",
            ),
            ("heading", {"text": "Voies de recours", "level": "h2"}),
            (
                "paragraph",
                "<p>Si vous signalez un défaut d'accessibilité sans obtenir de "
                "réponse satisfaisante, vous pouvez saisir le Défenseur des droits :</p>"
                "<ul><li>par son formulaire de contact en ligne ;</li>"
                "<li>auprès d'un de ses délégués dans votre région ;</li>"
                "<li>par courrier postal, gratuit et sans affranchissement : "
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
                "</ul>",
            ),
        ],
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "show_in_menus": False,
        "introduction": (
            "Quelles données ce site conserve, pourquoi, combien de temps, et comment "
            "exercer vos droits."
        ),
        "body": [
            DEMO_NOTICE,
            ("heading", {"text": "Responsable du traitement", "level": "h2"}),
            (
                "paragraph",
                "<p>Le Conseil régional, pour la démarche de Troisième Révolution "
                "Industrielle. Base légale : la mission de service public "
                "d'accompagnement des porteurs de projets.</p>",
            ),
            ("heading", {"text": "Données conservées", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Votre compte : adresse électronique, nom et prénom si vous les "
                "indiquez, langue, dates d'inscription et de dernière "
                "connexion.</li><li>Vos demandes : question, description du projet, "
                "territoire, partenaires, financements recherchés, pièces "
                "jointes.</li><li>L'historique des échanges avec la coordination et "
                "les organismes experts, et les courriels qui vous ont été "
                "envoyés.</li></ul>",
            ),
            ("heading", {"text": "Finalités", "level": "h2"}),
            (
                "paragraph",
                "<p>Ces données servent à traiter vos demandes, à les orienter vers "
                "les organismes experts compétents, à vous informer de leur suivi "
                "et à établir des statistiques anonymes sur la démarche. Une réponse "
                "n'est publiée, sous forme anonymisée, qu'avec votre accord.</p>",
            ),
            ("heading", {"text": "Destinataires", "level": "h2"}),
            (
                "paragraph",
                "<p>La coordination TRI du Conseil régional et les experts des "
                "organismes auxquels votre demande est confiée. Les notes internes "
                "des experts ne sont pas publiées.</p>",
            ),
            ("heading", {"text": "Durée de conservation", "level": "h2"}),
            (
                "paragraph",
                "<p>Un compte sans connexion ni activité sur ses demandes pendant "
                "<b>3 ans</b> est supprimé automatiquement, comme si vous l'aviez "
                "supprimé vous-même : vos demandes sont conservées sans rien qui vous "
                "identifie, pour que les réponses des experts restent utiles.</p>",
            ),
            ("heading", {"text": "Vos droits", "level": "h2"}),
            (
                "paragraph",
                "<p>Vous disposez d'un droit d'accès, de rectification, "
                "d'effacement, de limitation et d'opposition. Une fois connecté, la "
                'page <a href="/compte/donnees/">Mes données</a> vous permet de '
                "<b>télécharger</b> toutes les données que le site conserve sur vous "
                "et de <b>supprimer votre compte</b>. Pour toute autre demande, "
                "contactez le délégué à la protection des données du Conseil "
                "régional. Vous pouvez aussi adresser une réclamation à la "
                "CNIL.</p>",
            ),
            ("heading", {"text": "Cookies", "level": "h2"}),
            (
                "paragraph",
                "<p>Le site n'utilise que les cookies nécessaires à son "
                "fonctionnement (session, langue choisie et sécurité des "
                "formulaires).</p>",
            ),
        ],
    },
]


# --------------------------------------------------------------------------------------
# Questions and answers (filled by the request desk, with the holders' consent)
# --------------------------------------------------------------------------------------

QUESTION_INDEX = {
    "title": "Questions-réponses",
    "slug": "questions-reponses",
    "show_in_menus": True,
    "introduction": (
        "Les questions posées par des porteurs de projets et les réponses des organismes "
        "experts, publiées sans rien qui permette d'identifier leurs auteurs."
    ),
}


# --------------------------------------------------------------------------------------
# The projects' showcase and the roadmap's accountability page (their projects and
# actions are written from the programme's projects, not here)
# --------------------------------------------------------------------------------------

PROJECT_INDEX = {
    "title": "Projets",
    "slug": "projets",
    "show_in_menus": True,
    "introduction": (
        "Les projets de la TRI que leurs porteurs ont choisi de rendre publics : ce qu'ils "
        "font, sur quel territoire, les piliers du master plan qu'ils mobilisent et, quand "
        "elle est prise, la décision de la Commission 15."
    ),
}

ROADMAP_ACTION_INDEX = {
    "title": "Actions de la feuille de route",
    "slug": "actions-feuille-de-route",
    "show_in_menus": True,
    "introduction": (
        "Ce que la feuille de route a promis, où en est chaque action et quels projets la "
        "portent : le suivi public des engagements de la TRI."
    ),
}
