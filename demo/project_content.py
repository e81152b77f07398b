"""French demo content of the programme's projects, as plain data: the roadmap's actions,
thirteen projects with their teams, and what Commission 15 made of each.

The facts come from the seed (the roadmap validated in June 2013, its three priorities,
the master plan's pillars, the Region's four financing criteria); the towns, landlords,
associations and firms are invented. `demo/projects.py` builds all of it through the
projects' steps.

Evaluations are written as rounds, one per submission to Commission 15: who evaluates
(assigned by the coordination or taking part of their own accord), the level each gives
on the grid's four criteria (``None``: not scored yet), their private notes, then the
withdrawal or the decision, if any. A score's justification is the project's fact for
the criterion followed by the evaluator's judgement of that level (``JUDGEMENTS``).
"""

from datetime import date
from decimal import Decimal

from .content import ENR, MOBILITE, REGION, SOBRIETE

# Demo accounts (demo/accounts.py) by role in the projects.
COORDINATOR = "coordination"
COMMISSION = "commission15"
EVALUATOR_SOBRIETE = "evaluateur-sobriete"
EVALUATOR_ENR = "evaluatrice-enr"
EVALUATOR_MOBILITE = "evaluateur-mobilite"
HOLDER = "porteur"
TOWN = "porteuse-commune"
LANDLORD = "porteur-bailleur"
ASSOCIATION = "porteuse-association"
FIRM = "porteur-entreprise"
FARMER = "porteuse-agricole"

# How an evaluator joins an evaluation.
ASSIGNED = "assigned"  # the coordination assigns them
VOLUNTEER = "volunteer"  # they take part of their own accord

# Master-plan pillars (knowledge.PillarPage slugs, demo/content.py PILLARS).
RENEWABLES = "energies-renouvelables"
PRODUCING_BUILDINGS = "batiments-producteurs"
HYDROGEN = "stockage-hydrogene"
SMART_GRIDS = "reseaux-intelligents"
ELECTRIC_MOBILITY = "mobilite-electrique"
EFFICIENCY = "efficacite-energetique"
CIRCULAR = "economie-circulaire"
FUNCTIONALITY = "economie-fonctionnalite"

SEED_SITE = "http://www.latroisiemerevolutionindustrielleennordpasdecalais.fr/"


# --------------------------------------------------------------------------------------
# The roadmap's actions (knowledge.RoadmapAction), found again by title
# --------------------------------------------------------------------------------------

ROADMAP_ACTIONS = [
    {
        "key": "criteres",
        "title": "Introduire les critères TRI dans les financements régionaux",
        "commitment": (
            "Sur les financements mobilisés par la Région, qualifier et évaluer les "
            "projets selon quatre critères : le nombre et l'articulation des piliers, les "
            "cibles de développement durable et les biens communs, l'ancrage territorial, "
            "l'implication et la coopération des acteurs."
        ),
        "priority": None,
        "status": "done",
        "progress": 100,
        "progress_note": (
            "La grille d'évaluation est en service : la Commission 15 l'applique à chaque "
            "projet qui lui est soumis, et chaque évaluation garde la version de la grille "
            "avec laquelle elle a été conduite."
        ),
        "target_date": date(2013, 12, 31),
    },
    {
        "key": "ingenierie",
        "title": "Mutualiser l'ingénierie au service des porteurs de projets",
        "commitment": (
            "Mettre en commun, à partir des groupes de travail du master plan, "
            "l'ingénierie de l'ADEME, des pôles de compétences et de l'équipe Rifkin pour "
            "répondre aux demandes de mode d'emploi des porteurs de projets."
        ),
        "priority": None,
        "status": "in_progress",
        "progress": 65,
        "progress_note": (
            "Le guichet des demandes oriente les questions vers cinq organismes experts ; "
            "les réponses publiées alimentent la base de connaissances. Reste à couvrir "
            "les territoires ruraux avec la même rapidité que la métropole."
        ),
        "target_date": date(2014, 12, 31),
    },
    {
        "key": "experimentation",
        "title": "Porter collectivement un droit à l'expérimentation",
        "commitment": (
            "Identifier les règles qui bloquent les projets (autoconsommation collective, "
            "stockage, mobilité partagée) et porter ensemble, auprès de l'État et de "
            "l'Europe, les demandes d'expérimentation."
        ),
        "priority": None,
        "status": "in_progress",
        "progress": 35,
        "progress_note": (
            "Deux demandes sont instruites : l'autoconsommation collective entre un "
            "bailleur social et ses locataires, et l'injection d'hydrogène vert dans un "
            "réseau portuaire. Le relais ministériel est attendu."
        ),
        "target_date": date(2015, 6, 30),
    },
    {
        "key": "financeurs",
        "title": "Réunir la conférence des financeurs publics et privés",
        "commitment": (
            "Mobiliser ensemble les financements publics et privés autour des projets "
            "qualifiés, lors d'une conférence des financeurs organisée par la Région."
        ),
        "priority": None,
        "status": "delayed",
        "progress": 40,
        "progress_note": (
            "La première conférence a réuni banques, fonds d'investissement et "
            "collectivités ; le tour de table des projets de stockage a pris du retard "
            "faute de modèle économique stabilisé."
        ),
        "target_date": date(2014, 3, 20),
    },
    {
        "key": "assises",
        "title": "Tenir chaque année les assises de la TRI",
        "commitment": (
            "Organiser une fois par an, avec Jeremy Rifkin, des assises qui rendent les "
            "projets lisibles et font se rencontrer leurs porteurs."
        ),
        "priority": None,
        "status": "in_progress",
        "progress": 50,
        "progress_note": (
            "Les premières assises ont présenté les projets engagés depuis la feuille de "
            "route ; la vitrine publique des projets prépare les suivantes."
        ),
        "target_date": date(2014, 6, 12),
    },
    {
        "key": "batiments",
        "title": "Rénover les bâtiments et en faire des producteurs d'énergie",
        "commitment": (
            "Réduire fortement la consommation des logements, des équipements publics et "
            "des locaux d'activité, et faire de chaque bâtiment rénové une petite centrale "
            "de production renouvelable."
        ),
        "priority": SOBRIETE,
        "status": "in_progress",
        "progress": 30,
        "progress_note": (
            "Les premières cités minières et écoles rénovées atteignent le niveau "
            "bâtiment basse consommation ; le rythme reste en deçà de l'objectif régional."
        ),
        "target_date": date(2020, 12, 31),
    },
    {
        "key": "chaleur",
        "title": "Développer les réseaux de chaleur renouvelable et l'autoconsommation",
        "commitment": (
            "Produire la chaleur et l'électricité au plus près des usages : réseaux de "
            "chaleur bois et biogaz, autoconsommation collective dans les quartiers."
        ),
        "priority": ENR,
        "status": "in_progress",
        "progress": 25,
        "progress_note": (
            "Une opération d'autoconsommation collective fonctionne dans la métropole ; "
            "deux réseaux de chaleur intercommunaux sont à l'étude."
        ),
        "target_date": date(2020, 12, 31),
    },
    {
        "key": "stockage",
        "title": "Stocker l'énergie renouvelable, notamment sous forme d'hydrogène",
        "commitment": (
            "Lisser la production renouvelable par le stockage, batteries de quartier et "
            "hydrogène vert, et distribuer l'énergie par des réseaux intelligents."
        ),
        "priority": ENR,
        "status": "planned",
        "progress": 10,
        "progress_note": (
            "Les premiers démonstrateurs sont en conception sur la Côte d'Opale et dans "
            "le bassin minier ; aucun n'est encore en service."
        ),
        "target_date": date(2022, 12, 31),
    },
    {
        "key": "mobilite",
        "title": "Développer la mobilité électrique, partagée et sobre",
        "commitment": (
            "Réduire les déplacements contraints, développer le covoiturage et "
            "l'autopartage, électrifier les véhicules et les flottes, y compris à pile à "
            "combustible."
        ),
        "priority": MOBILITE,
        "status": "in_progress",
        "progress": 20,
        "progress_note": (
            "Des plans de mobilité inter-entreprises et une flotte de vélos à assistance "
            "électrique en zone rurale sont engagés ; la recharge publique reste rare "
            "sur le littoral."
        ),
        "target_date": date(2020, 12, 31),
    },
    {
        "key": "emplois",
        "title": "Créer 37 000 emplois d'ici 2020",
        "commitment": (
            "Une économie décarbonée créatrice d'emplois : 37 000 en 2020, jusqu'à "
            "165 000 emplois nets d'ici 2050."
        ),
        "priority": None,
        "status": "delayed",
        "progress": 15,
        "progress_note": (
            "Les projets suivis déclarent quelques centaines d'emplois directs ; le suivi "
            "des emplois indirects reste à construire avec les financeurs."
        ),
        "target_date": date(2020, 12, 31),
    },
]


# --------------------------------------------------------------------------------------
# What an evaluator writes for each level of each criterion (the grid's order), two ways
# --------------------------------------------------------------------------------------

JUDGEMENTS = (
    # Nombre et articulation des piliers
    {
        1: (
            "Aucun pilier du master plan n'est réellement mobilisé.",
            "Le lien avec les piliers du master plan n'apparaît pas.",
        ),
        2: (
            "Un seul pilier est mobilisé, sans articulation avec les autres.",
            "Les piliers cités restent juxtaposés, sans effet d'ensemble.",
        ),
        3: (
            "Deux piliers sont mobilisés ; leur articulation reste à démontrer.",
            "L'articulation entre piliers est esquissée mais pas encore organisée.",
        ),
        4: (
            "Plusieurs piliers sont mobilisés et s'appuient l'un sur l'autre.",
            "Les piliers sont bien articulés : la production sert directement les usages.",
        ),
        5: (
            "Le projet articule piliers et usages de façon exemplaire, à reproduire.",
            "Une démonstration complète de l'articulation des piliers voulue par la TRI.",
        ),
    },
    # Développement durable et biens communs
    {
        1: (
            "Les effets environnementaux et sociaux ne sont pas décrits.",
            "Aucun bien commun n'est produit.",
        ),
        2: (
            "Les effets sont surtout économiques, pour le seul porteur.",
            "Les effets annoncés sont faibles et peu mesurables.",
        ),
        3: (
            "Des effets réels sur la facture et les émissions, peu de biens communs.",
            "Des effets mesurables ; le partage des résultats reste à prévoir.",
        ),
        4: (
            "Des effets environnementaux et sociaux nets, et des biens communs partagés.",
            "Le projet produit des biens communs (données, savoir-faire) en plus des gains.",
        ),
        5: (
            "Des effets chiffrés sur les quatre dimensions et des biens communs ouverts.",
            "Un projet de biens communs autant que d'économies : exemplaire.",
        ),
    },
    # Ancrage territorial
    {
        1: (
            "Le projet pourrait se faire n'importe où : aucun ancrage local.",
            "Les ressources du territoire ne sont pas mobilisées.",
        ),
        2: (
            "Un ancrage faible : peu de retombées restent sur le territoire.",
            "Le territoire accueille le projet plus qu'il ne le porte.",
        ),
        3: (
            "Le projet s'appuie sur des ressources locales, sans stratégie territoriale.",
            "Ancrage correct ; l'articulation avec le plan local reste à écrire.",
        ),
        4: (
            "Le projet valorise les ressources locales et inscrit ses retombées sur place.",
            "Un bon ancrage : emplois, ressources et usages restent sur le territoire.",
        ),
        5: (
            "Le projet est une pièce de la stratégie du territoire, qui le porte.",
            "Un ancrage exemplaire, pensé avec les habitants et les élus du territoire.",
        ),
    },
    # Implication et coopération des acteurs
    {
        1: (
            "Un porteur isolé, sans partenaire identifié.",
            "Aucune coopération n'est organisée.",
        ),
        2: (
            "Des partenaires cités mais pas engagés.",
            "La coopération se limite à des lettres de soutien.",
        ),
        3: (
            "Des partenaires engagés ; la gouvernance reste celle du seul porteur.",
            "Une coopération réelle, qui gagnerait à associer les habitants.",
        ),
        4: (
            "Collectivité, bailleur et association coopèrent avec une gouvernance commune.",
            "Les acteurs sont impliqués dès la conception et partagent les décisions.",
        ),
        5: (
            "Une coopération exemplaire, habitants compris, avec une gouvernance partagée.",
            "Tous les acteurs concernés sont autour de la table et s'y engagent.",
        ),
    },
)


# --------------------------------------------------------------------------------------
# Projects, found again by title
# --------------------------------------------------------------------------------------

PROJECTS = [
    {
        "title": "Des équipements communaux sobres à Bréval-en-Artois",
        "summary": (
            "La commune rénove sa salle des fêtes, son école et sa médiathèque, construites "
            "dans les années 1970, et remplace la chaudière fioul de l'école par une "
            "chaudière bois alimentée par les haies du territoire. Les toitures rénovées "
            "reçoivent des panneaux solaires en autoconsommation."
        ),
        "organisations": "Commune de Bréval-en-Artois\nAssociation Énergie Partagée Artois",
        "territory": "artois",
        "priorities": [SOBRIETE, ENR],
        "pillars": [EFFICIENCY, PRODUCING_BUILDINGS, RENEWABLES],
        "roadmap_actions": ["batiments", "ingenierie"],
        "stage": "design",
        "budget": Decimal("1240000"),
        "funding_sought": Decimal("420000"),
        "funding_details": (
            "Région (fonds TRI) et fonds chaleur de l'ADEME pour la chaufferie ; "
            "certificats d'économies d'énergie pour l'isolation."
        ),
        "partners": "ADEME\nSyndicat d'énergie du département\nCUMA bois-énergie de l'Artois",
        "expected_effects": (
            "Consommation des trois bâtiments divisée par deux ; 60 tonnes de CO2 évitées "
            "par an ; une filière locale de plaquettes de haies ; les habitants suivent "
            "les consommations sur un tableau de bord public."
        ),
        "links": [
            ("Délibération du conseil municipal", "https://www.example.org/breval/deliberation"),
            ("La feuille de route de la TRI", SEED_SITE),
        ],
        "owner": TOWN,
        "members": [(HOLDER, "member"), (ASSOCIATION, "member")],
        "pending_invitations": ["technique@breval-en-artois.example.org"],
        "showcase": True,
        "requests": {
            "Isoler une salle des fêtes communale": ["batiments"],
            "Subvention pour changer une chaudière": ["batiments"],
            # Withdrawn by the holder once routed (demo/requests.py): no action linked.
            "Éclairage public à LED dans un village": [],
        },
        "facts": (
            "Efficacité énergétique des bâtiments, production solaire en toiture et chaleur bois.",
            "La facture énergétique de la commune baisse de moitié ; le tableau de bord "
            "public des consommations est un bien commun.",
            "Le bois vient des haies de l'Artois, entretenues par la CUMA locale.",
            "La commune et l'association Énergie Partagée Artois copilotent ; l'école "
            "associe les parents d'élèves.",
        ),
        "rounds": [
            {
                "comment": "Projet complet, trois bâtiments et une chaufferie.",
                "evaluators": [
                    (EVALUATOR_SOBRIETE, ASSIGNED, (4, 3, 4, 4), "Comparer au cas de Lens."),
                    (EVALUATOR_ENR, ASSIGNED, (3, 3, 4, 3), ""),
                    (COMMISSION, VOLUNTEER, (4, 4, 5, 4), "Visite sur place utile."),
                ],
                "decision": (
                    "conditional",
                    "La Commission salue un projet communal complet, qui articule "
                    "sobriété et production locale. Le plan d'approvisionnement en bois "
                    "doit être sécurisé sur dix ans avant le versement du solde.",
                    "Avis favorable, sous réserve d'un contrat d'approvisionnement en bois "
                    "local sur dix ans avec la CUMA.",
                ),
            }
        ],
    },
    {
        "title": "Un réseau de chaleur bois pour trois communes de Flandre intérieure",
        "summary": (
            "Trois communes voisines mutualisent l'étude puis la construction d'un réseau "
            "de chaleur alimenté par une chaufferie bois, qui desservira leurs écoles, "
            "leur maison de retraite et quatre-vingts logements sociaux."
        ),
        "organisations": (
            "Communauté de communes des Monts de Flandre\nCommune de Steenbecque-la-Haute\n"
            "Flandre Habitat (bailleur social)"
        ),
        "territory": "flandre-interieure",
        "priorities": [ENR, SOBRIETE],
        "pillars": [RENEWABLES, SMART_GRIDS, CIRCULAR],
        "roadmap_actions": ["chaleur", "ingenierie"],
        "stage": "financing",
        "budget": Decimal("3800000"),
        "funding_sought": Decimal("1100000"),
        "funding_details": "Fonds chaleur de l'ADEME, Région, fonds européens FEDER.",
        "partners": "ADEME\nPôle MEDEE\nFédération des CUMA",
        "expected_effects": (
            "2 400 MWh de chaleur renouvelable par an ; 550 tonnes de CO2 évitées ; une "
            "chaleur à prix stable pour les locataires ; six emplois locaux dans la "
            "filière bois."
        ),
        "links": [("Étude de préfaisabilité (synthèse)", "https://www.example.org/flandre/etude")],
        "owner": HOLDER,
        "members": [(LANDLORD, "owner"), (FARMER, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {"Un réseau de chaleur pour trois communes": ["chaleur"]},
        "facts": (
            "Chaleur renouvelable distribuée par un réseau, bois issu de l'économie "
            "circulaire agricole.",
            "Chaleur à prix stable pour quatre-vingts ménages modestes.",
            "Trois communes rurales et leur ressource bois.",
            "Trois communes, un bailleur social et les agriculteurs fournisseurs.",
        ),
        "rounds": [
            {
                "comment": "À examiner avant la conférence des financeurs.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (4, 4, 5, 4), "Dimensionnement prudent."),
                    (EVALUATOR_SOBRIETE, ASSIGNED, (3, 4, 4, 4), ""),
                    (COMMISSION, ASSIGNED, None, ""),
                ],
            }
        ],
    },
    {
        "title": "Covoiturage et plan de mobilité inter-entreprises de la zone du Hellu",
        "summary": (
            "Douze entreprises d'une zone d'activités de la métropole lilloise montent un "
            "plan de mobilité commun : covoiturage entre salariés, navette électrique "
            "depuis la gare et stationnement vélo sécurisé."
        ),
        "organisations": "Club des entreprises du Hellu\nVille de Hellemmes-Est",
        "territory": "metropole-lilloise",
        "priorities": [MOBILITE],
        "pillars": [ELECTRIC_MOBILITY, FUNCTIONALITY],
        "roadmap_actions": ["mobilite"],
        "stage": "design",
        "budget": Decimal("260000"),
        "funding_sought": Decimal("90000"),
        "funding_details": "Région ; programme d'économies d'énergie dans les transports.",
        "partners": "Pôle i-Trans\nMétropole (autorité organisatrice des mobilités)",
        "expected_effects": (
            "Un salarié sur cinq en covoiturage ou à vélo en deux ans ; 300 tonnes de CO2 "
            "évitées par an ; moins de stationnement sauvage dans la zone."
        ),
        "links": [("Enquête auprès des salariés", "https://www.example.org/hellu/enquete")],
        "owner": FIRM,
        "members": [(HOLDER, "member")],
        "pending_invitations": ["rh@logistique-du-hellu.example.org"],
        "showcase": False,
        "requests": {
            "Covoiturage pour une zone d'activités": ["mobilite"],
            "Plan de mobilité pour notre entreprise": ["mobilite"],
        },
        "facts": (
            "Mobilité partagée et économie de la fonctionnalité (l'usage plutôt que la "
            "possession).",
            "Moins de déplacements en voiture seule ; les données de covoiturage restent "
            "propriété du club.",
            "Une zone d'activités et sa gare.",
            "Douze entreprises et la ville ; les salariés ont été enquêtés.",
        ),
        "rounds": [
            {
                "comment": "Premier projet de mobilité inter-entreprises.",
                "evaluators": [
                    (EVALUATOR_MOBILITE, ASSIGNED, (3, 3, 3, 4), "Demander les chiffres."),
                    (COMMISSION, ASSIGNED, None, ""),
                ],
            }
        ],
    },
    {
        "title": "La cité des Tilleuls, cité minière à énergie positive",
        "summary": (
            "Le bailleur rénove les 240 maisons de la cité des Tilleuls au niveau basse "
            "consommation, couvre les toitures de panneaux solaires et installe une "
            "batterie de quartier : la cité produit plus d'énergie qu'elle n'en consomme."
        ),
        "organisations": (
            "Logis du Bassin (bailleur social)\nVille de Courcelles-sur-Deûle\n"
            "Association Les Ateliers de l'Énergie"
        ),
        "territory": "bassin-minier",
        "priorities": [ENR, SOBRIETE],
        "pillars": [
            PRODUCING_BUILDINGS,
            HYDROGEN,
            SMART_GRIDS,
            EFFICIENCY,
            RENEWABLES,
        ],
        "roadmap_actions": ["batiments", "stockage", "experimentation", "emplois"],
        "stage": "works",
        "budget": Decimal("6500000"),
        "funding_sought": Decimal("1800000"),
        "funding_details": (
            "Région (fonds TRI), FEDER, prêts de la Banque des territoires ; un "
            "financement participatif des habitants pour la batterie."
        ),
        "partners": "ADEME\nCD2E\nGestionnaire du réseau de distribution",
        "expected_effects": (
            "Charges des locataires réduites de 40 % ; 1 100 MWh produits par an ; "
            "quarante emplois d'insertion sur le chantier ; un démonstrateur de stockage "
            "de quartier ouvert aux visites."
        ),
        "links": [
            ("Le projet présenté aux assises", "https://www.example.org/tilleuls/assises"),
            ("La feuille de route de la TRI", SEED_SITE),
        ],
        "owner": LANDLORD,
        "members": [(HOLDER, "member"), (ASSOCIATION, "member"), (TOWN, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {"Stocker l'électricité de nos panneaux solaires": ["stockage"]},
        "facts": (
            "Rénovation, production en toiture, stockage de quartier et réseau intelligent.",
            "Charges réduites pour des ménages modestes, emplois d'insertion, un "
            "démonstrateur ouvert.",
            "Une cité minière du patrimoine régional, ses habitants et ses entreprises "
            "d'insertion.",
            "Bailleur, ville et association animent ensemble un comité de locataires.",
        ),
        "rounds": [
            {
                "comment": "Projet phare du bassin minier.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (5, 5, 5, 4), "Batterie : suivre le retour."),
                    (EVALUATOR_SOBRIETE, ASSIGNED, (5, 4, 5, 5), ""),
                    (COMMISSION, VOLUNTEER, (4, 5, 5, 5), "À présenter aux assises."),
                ],
                "decision": (
                    "favourable",
                    "Un projet qui articule cinq piliers du master plan au service des "
                    "habitants d'une cité minière. La Commission recommande d'en faire un "
                    "site de visite pour les autres bailleurs de la région.",
                    "Avis favorable : rénovation, production et stockage au service des "
                    "locataires, avec une gouvernance partagée avec les habitants.",
                ),
            }
        ],
    },
    {
        "title": "Recharge électrique partagée au cœur de Wimereux-Plage",
        "summary": (
            "La commune installe quatre bornes de recharge accessibles au public sur le "
            "parking de la mairie, sous des ombrières solaires, et les ouvre la nuit aux "
            "véhicules de l'association d'autopartage."
        ),
        "organisations": "Commune de Wimereux-Plage\nAssociation Opale Autopartage",
        "territory": "cote-d-opale",
        "priorities": [MOBILITE, ENR],
        "pillars": [ELECTRIC_MOBILITY, RENEWABLES],
        "roadmap_actions": ["mobilite"],
        "stage": "financing",
        "budget": Decimal("180000"),
        "funding_sought": Decimal("72000"),
        "funding_details": "Programme national de bornes de recharge ; Région.",
        "partners": "Pôle i-Trans\nSyndicat d'énergie du département",
        "expected_effects": (
            "Une recharge publique à moins de dix minutes pour tout le bourg ; deux "
            "voitures partagées qui évitent l'achat d'une seconde voiture à quinze foyers."
        ),
        "links": [],
        "owner": HOLDER,
        "members": [(ASSOCIATION, "member")],
        "pending_invitations": [],
        "showcase": False,
        "requests": {"Bornes de recharge sur le parking de la mairie": ["mobilite"]},
        "facts": (
            "Mobilité électrique alimentée par des ombrières solaires.",
            "Moins de voitures par foyer grâce à l'autopartage.",
            "Le parking de la mairie, au centre d'un bourg littoral.",
            "La commune et une association d'autopartage.",
        ),
        "rounds": [
            {
                "comment": "Petit projet, décision rapide souhaitée.",
                "evaluators": [
                    (EVALUATOR_MOBILITE, ASSIGNED, (3, 3, 4, 3), ""),
                    (EVALUATOR_ENR, VOLUNTEER, (3, 2, 4, 3), "Ombrières : vérifier le coût."),
                ],
            }
        ],
    },
    {
        "title": "Une conserverie sobre en énergie dans le Cambrésis",
        "summary": (
            "Une PME agroalimentaire réduit la facture énergétique de son usine : "
            "diagnostic, récupération de la chaleur des autoclaves et remplacement des "
            "moteurs les plus anciens."
        ),
        "organisations": "Conserveries du Cambrésis (PME)",
        "territory": "hainaut-cambresis",
        "priorities": [SOBRIETE],
        "pillars": [EFFICIENCY],
        "roadmap_actions": [],
        "stage": "design",
        "budget": Decimal("950000"),
        "funding_sought": Decimal("280000"),
        "funding_details": "Région ; certificats d'économies d'énergie.",
        "partners": "CCI\nCD2E",
        "expected_effects": "Facture énergétique réduite de 25 % ; 400 tonnes de CO2 évitées.",
        "links": [],
        "owner": FIRM,
        "members": [(HOLDER, "member")],
        "pending_invitations": [],
        "showcase": False,
        "requests": {"Diagnostic énergétique d'une PME agroalimentaire": []},
        "facts": (
            "Efficacité énergétique d'un site industriel.",
            "Des économies pour l'entreprise ; la chaleur récupérée n'est pas partagée.",
            "Une usine du Cambrésis, sans lien avec la zone qui l'entoure.",
            "L'entreprise seule, accompagnée par la CCI.",
        ),
        "rounds": [
            {
                "comment": "",
                "evaluators": [
                    (EVALUATOR_SOBRIETE, ASSIGNED, (2, 3, 2, 1), "Droit commun plutôt."),
                    (COMMISSION, ASSIGNED, (2, 2, 2, 2), ""),
                ],
                "decision": (
                    "unfavourable",
                    "Un bon projet d'efficacité industrielle, mais porté par une seule "
                    "entreprise, sans partage de la chaleur récupérée ni coopération "
                    "avec la zone d'activités. Les aides de droit commun à l'efficacité "
                    "énergétique des entreprises lui conviennent mieux.",
                    "Avis défavorable au titre de la TRI : le projet relève des aides de "
                    "droit commun à l'efficacité énergétique des entreprises.",
                ),
            }
        ],
    },
    {
        "title": "Autoconsommation collective au quartier des Peupliers",
        "summary": (
            "Le bailleur pose des panneaux solaires sur six immeubles et partage "
            "l'électricité produite entre les locataires, les commerces du pied "
            "d'immeuble et l'école, dans une opération d'autoconsommation collective."
        ),
        "organisations": (
            "Métropole Habitat Solidaire (bailleur social)\nVille de Roubaix-Nord\n"
            "Association Les Ateliers de l'Énergie"
        ),
        "territory": "metropole-lilloise",
        "priorities": [ENR],
        "pillars": [PRODUCING_BUILDINGS, SMART_GRIDS, RENEWABLES],
        "roadmap_actions": ["chaleur", "experimentation", "batiments"],
        "stage": "works",
        "budget": Decimal("1400000"),
        "funding_sought": Decimal("350000"),
        "funding_details": "Région (fonds TRI) ; fonds propres du bailleur.",
        "partners": "Gestionnaire du réseau de distribution\nPôle MEDEE",
        "expected_effects": (
            "Un tiers de l'électricité des parties communes et des logements produite sur "
            "place ; une baisse de facture pour 310 ménages ; un modèle de contrat "
            "réutilisable par les autres bailleurs."
        ),
        "links": [("Contrat type d'autoconsommation", "https://www.example.org/peupliers/contrat")],
        "owner": LANDLORD,
        "members": [(HOLDER, "member"), (ASSOCIATION, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {
            "Autoconsommation collective dans un quartier": ["chaleur", "experimentation"]
        },
        "facts": (
            "Bâtiments producteurs et partage de l'électricité par un réseau intelligent.",
            "Une baisse de facture pour des ménages modestes et un contrat type publié.",
            "Un quartier prioritaire, ses commerces et son école.",
            "Bailleur, ville et association de locataires pilotent ensemble.",
        ),
        "rounds": [
            {
                "comment": "Demande d'expérimentation associée.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (4, 5, 4, 4), ""),
                    (COMMISSION, ASSIGNED, (4, 4, 4, 5), "Contrat type à diffuser."),
                ],
                "decision": (
                    "favourable",
                    "La Commission retient un projet reproductible, dont le contrat type "
                    "servira aux autres bailleurs sociaux de la région.",
                    "Avis favorable : une autoconsommation collective au bénéfice des "
                    "locataires, avec un contrat type mis à disposition de tous.",
                ),
            }
        ],
    },
    {
        "title": "Méthanisation collective de cinq exploitations de l'Artois",
        "summary": (
            "Cinq exploitations agricoles construisent ensemble un méthaniseur qui "
            "valorise leurs effluents ; le biogaz est injecté dans le réseau et alimente "
            "une station de bioGNV pour les bus et les camions de collecte."
        ),
        "organisations": "SAS Méthagri Artois (cinq exploitations)\nCommune de Hautecloque",
        "territory": "artois",
        "priorities": [ENR, MOBILITE],
        "pillars": [RENEWABLES, CIRCULAR, HYDROGEN],
        "roadmap_actions": ["chaleur", "stockage", "emplois"],
        "stage": "financing",
        "budget": Decimal("4200000"),
        "funding_sought": Decimal("900000"),
        "funding_details": "ADEME, Région, prêt bancaire ; apport des exploitants.",
        "partners": "Chambre d'agriculture\nADEME\nGestionnaire du réseau de gaz",
        "expected_effects": (
            "12 GWh de biogaz par an ; 2 500 tonnes de CO2 évitées ; un digestat qui "
            "remplace une partie des engrais minéraux ; trois emplois sur le site."
        ),
        "links": [("Présentation du collectif", "https://www.example.org/methagri/collectif")],
        "owner": FARMER,
        "members": [(HOLDER, "member"), (TOWN, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {"Méthaniseur agricole partagé": ["chaleur"]},
        "facts": (
            "Énergie renouvelable, stockage dans le réseau de gaz et économie circulaire "
            "des effluents.",
            "Biogaz, engrais évités et une station bioGNV ouverte aux flottes locales.",
            "Cinq exploitations voisines et les flottes de la commune.",
            "Cinq agriculteurs associés, la commune et la chambre d'agriculture.",
        ),
        "rounds": [
            {
                "comment": "Premier dossier, trois exploitations.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (3, 3, 3, 3), "Périmètre encore flou."),
                    (EVALUATOR_SOBRIETE, ASSIGNED, None, ""),
                ],
                "withdraw": (
                    "Le collectif passe de trois à cinq exploitations : le dossier est "
                    "retiré pour être soumis à nouveau sur ce périmètre."
                ),
            },
            {
                "comment": "Nouveau dossier, cinq exploitations et une station bioGNV.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (4, 4, 5, 4), "Périmètre clarifié."),
                    (EVALUATOR_MOBILITE, VOLUNTEER, (4, 4, 4, 4), "Station bioGNV : bien."),
                ],
                "decision": (
                    "favourable",
                    "Le nouveau périmètre donne au projet sa cohérence : la production de "
                    "biogaz sert la mobilité locale et le collectif est solide.",
                    "Avis favorable : un méthaniseur collectif dont le biogaz alimente la "
                    "mobilité du territoire.",
                ),
            },
        ],
    },
    {
        "title": "Hydrogène vert pour la logistique du port de Calais-Est",
        "summary": (
            "Un électrolyseur alimenté par l'éolien en mer produit de l'hydrogène pour "
            "les chariots, les navettes et les camions du port ; l'excédent est stocké "
            "pour les pointes de consommation."
        ),
        "organisations": "Opale Hydrogène (société de projet)\nCommunauté d'agglomération",
        "territory": "cote-d-opale",
        "priorities": [ENR, MOBILITE],
        "pillars": [HYDROGEN, ELECTRIC_MOBILITY, RENEWABLES, SMART_GRIDS],
        "roadmap_actions": ["stockage", "mobilite", "experimentation", "financeurs"],
        "stage": "design",
        "budget": Decimal("12000000"),
        "funding_sought": Decimal("2500000"),
        "funding_details": "Région, programmes européens hydrogène, investisseurs privés.",
        "partners": "Autorité portuaire\nPôle i-Trans\nÉquipe Rifkin",
        "expected_effects": (
            "La logistique du port décarbonée à 30 % ; 6 000 tonnes de CO2 évitées par "
            "an ; une filière hydrogène régionale et ses compétences."
        ),
        "links": [("Note de l'équipe Rifkin", "https://www.example.org/opale-h2/note")],
        "owner": FIRM,
        "members": [(TOWN, "member")],
        "pending_invitations": ["direction@port-calais-est.example.org"],
        "showcase": True,
        "requests": {},
        "facts": (
            "Production renouvelable, stockage hydrogène, mobilité à pile à combustible "
            "et pilotage intelligent.",
            "Une logistique portuaire décarbonée ; les compétences acquises restent régionales.",
            "Le port, l'éolien en mer et les transporteurs de la Côte d'Opale.",
            "Une société de projet, l'agglomération et l'autorité portuaire.",
        ),
        "rounds": [
            {
                "comment": "Dossier lourd : trois regards.",
                "evaluators": [
                    (EVALUATOR_ENR, ASSIGNED, (5, 4, 4, 3), "Plan de financement fragile."),
                    (EVALUATOR_MOBILITE, ASSIGNED, (5, 4, 4, 3), ""),
                ],
                "decision": (
                    "conditional",
                    "Un projet structurant pour la filière hydrogène, qui articule quatre "
                    "piliers. Le plan de financement repose encore sur des investisseurs "
                    "non engagés et la gouvernance n'associe pas les transporteurs.",
                    "Avis favorable sous conditions : un plan de financement consolidé "
                    "après la conférence des financeurs et l'entrée des transporteurs "
                    "dans la gouvernance.",
                ),
            }
        ],
    },
    {
        "title": "Trois écoles du Cambrésis rénovées et productrices d'énergie",
        "summary": (
            "Un syndicat scolaire de trois communes rurales veut rénover ses écoles et "
            "y produire de l'électricité solaire, avec un programme pédagogique sur "
            "l'énergie pour les élèves."
        ),
        "organisations": (
            "Syndicat scolaire des Trois Clochers\nAssociation Les Curieux de l'Énergie"
        ),
        "territory": "hainaut-cambresis",
        "priorities": [SOBRIETE, ENR],
        "pillars": [EFFICIENCY, PRODUCING_BUILDINGS],
        "roadmap_actions": ["batiments"],
        "stage": "idea",
        "budget": Decimal("2100000"),
        "funding_sought": None,
        "funding_details": "À construire avec l'ingénierie mutualisée.",
        "partners": "CD2E",
        "expected_effects": (
            "Des écoles basse consommation ; 200 élèves sensibilisés chaque année."
        ),
        "links": [],
        "owner": TOWN,
        "members": [(ASSOCIATION, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {},
        "facts": ("", "", "", ""),
        "rounds": [],
    },
    {
        "title": "Vélos à assistance électrique pour les bourgs de Flandre",
        "summary": (
            "Une association loue des vélos à assistance électrique à l'année aux "
            "habitants des bourgs de Flandre intérieure, avec un atelier de réparation "
            "itinérant et des abris sécurisés près des arrêts de car."
        ),
        "organisations": "Association Flandre à Vélo\nCommune de Steenbecque-la-Haute",
        "territory": "flandre-interieure",
        "priorities": [MOBILITE],
        "pillars": [ELECTRIC_MOBILITY, FUNCTIONALITY, CIRCULAR],
        "roadmap_actions": ["mobilite", "emplois"],
        "stage": "running",
        "budget": Decimal("210000"),
        "funding_sought": Decimal("60000"),
        "funding_details": "Région ; communes ; loyers des usagers.",
        "partners": "Département (transport scolaire et cars)\nPôle i-Trans",
        "expected_effects": (
            "150 vélos loués ; 400 000 km de voiture évités par an ; deux emplois de "
            "réparateurs en insertion."
        ),
        "links": [("L'atelier itinérant", "https://www.example.org/flandre-a-velo/atelier")],
        "owner": ASSOCIATION,
        "members": [(TOWN, "member")],
        "pending_invitations": [],
        "showcase": True,
        "requests": {},
        "facts": (
            "Mobilité électrique, location plutôt que possession, réparation et réemploi.",
            "Des trajets en voiture évités et des emplois d'insertion.",
            "Les bourgs de Flandre et leurs arrêts de car.",
            "Une association, les communes et le département.",
        ),
        "rounds": [
            {
                "comment": "",
                "evaluators": [
                    (EVALUATOR_MOBILITE, ASSIGNED, (4, 4, 5, 4), "Modèle à étendre."),
                    (EVALUATOR_SOBRIETE, VOLUNTEER, (4, 4, 4, 4), ""),
                ],
                "decision": (
                    "favourable",
                    "Un service de mobilité sobre, déjà en fonctionnement, qui répond au "
                    "besoin des zones peu denses.",
                    "Avis favorable : une mobilité électrique partagée pour les zones "
                    "rurales, qui crée des emplois locaux.",
                ),
            }
        ],
    },
    {
        "title": "Une recyclerie de matériaux du bâtiment dans le bassin minier",
        "summary": (
            "Une association collecte les matériaux des chantiers de rénovation des cités "
            "minières (portes, radiateurs, tuiles, isolants propres) et les revend à "
            "petit prix aux habitants et aux artisans."
        ),
        "organisations": "Association Réemploi Gohelle\nLogis du Bassin (bailleur social)",
        "territory": "bassin-minier",
        "priorities": [SOBRIETE],
        "pillars": [CIRCULAR, EFFICIENCY],
        "roadmap_actions": ["batiments", "emplois"],
        "stage": "financing",
        "budget": Decimal("480000"),
        "funding_sought": Decimal("150000"),
        "funding_details": "Région ; fonds économie circulaire de l'ADEME.",
        "partners": "CD2E\nFédération du bâtiment",
        "expected_effects": (
            "800 tonnes de matériaux réemployés par an ; huit emplois d'insertion."
        ),
        "links": [],
        "owner": ASSOCIATION,
        "members": [(LANDLORD, "member")],
        "pending_invitations": [],
        "showcase": False,
        "requests": {},
        "facts": (
            "Économie circulaire au service de la rénovation.",
            "Des matériaux réemployés et des emplois d'insertion.",
            "Les chantiers des cités minières voisines.",
            "Une association et le bailleur des cités.",
        ),
        "rounds": [
            {
                "comment": "Nouveau dossier.",
                "evaluators": [
                    (EVALUATOR_SOBRIETE, ASSIGNED, None, ""),
                    (COMMISSION, ASSIGNED, None, ""),
                ],
            }
        ],
    },
    {
        "title": "Un observatoire régional des données énergétiques ouvertes",
        "summary": (
            "Publier en données ouvertes les consommations et les productions d'énergie "
            "par commune, pour que chaque territoire suive sa trajectoire TRI et que les "
            "porteurs de projets dimensionnent les leurs."
        ),
        "organisations": "Association Données Énergie Hauts-de-France",
        "territory": REGION,
        "priorities": [SOBRIETE, ENR, MOBILITE],
        "pillars": [SMART_GRIDS],
        "roadmap_actions": ["ingenierie", "assises"],
        "stage": "idea",
        "budget": Decimal("320000"),
        "funding_sought": Decimal("160000"),
        "funding_details": "Région ; gestionnaires de réseaux.",
        "partners": "Gestionnaires des réseaux d'électricité et de gaz\nÉquipe Rifkin",
        "expected_effects": "Des données communales ouvertes, mises à jour chaque année.",
        "links": [("La feuille de route de la TRI", SEED_SITE)],
        "owner": ASSOCIATION,
        "members": [(FIRM, "member")],
        "pending_invitations": [],
        "showcase": False,
        "requests": {},
        "facts": ("", "", "", ""),
        "rounds": [],
    },
]
