"""Word lists the synthetic names, titles and bodies are made from.

Everything here is invented; only the sentences taken from the seed fixture
(see ``text.py``) are real prose.
"""

# fmt: off
PLACE_ONSETS = [
    "Tin", "Kou", "Ba", "Dia", "Ke", "Tes", "Ag", "Ber", "Dou", "Ga", "Ha", "In", "Ka",
    "Ma", "Men", "Nia", "Ou", "Sa", "Se", "Ta", "To", "Za", "Fa", "Bou", "Lé", "Ti", "Djé",
]
PLACE_MIDDLES = ["ra", "ma", "sa", "lo", "ga", "ba", "di", "ko", "na", "to", "fo", "ké", "", ""]
PLACE_CODAS = [
    "li", "ka", "ba", "t", "ssa", "ndé", "ra", "go", "lit", "ré", "ni", "kou", "bara", "gou",
    "nan", "dougou", "rou", "tane", "zou", "mé",
]

ORG_ADJECTIVES = [
    "Sahel", "Regional", "National", "African", "International", "Joint", "Independent",
    "Civil", "Rural", "Malian", "Nigerien", "Trans-Saharan", "West African", "Democratic",
    "Humanitarian", "Global", "Islamic", "Niger Basin", "Liptako-Gourma", "Women's",
]
ORG_SUBJECTS = [
    "Water", "Peace", "Security", "Development", "Justice", "Health", "Education", "Food",
    "Resilience", "Reconciliation", "Governance", "Trade", "Mining", "Pastoralist", "Youth",
    "Media", "Human Rights", "Border", "Refugee", "Electoral",
]
ORG_KINDS = [
    "Alliance", "Council", "Front", "Movement", "Institute", "Network", "Commission",
    "Foundation", "Initiative", "Coalition", "Agency", "Observatory", "Union", "Fund",
]

FIRST_NAMES = [
    "Amadou", "Aminata", "Boubacar", "Fatoumata", "Moussa", "Mariam", "Ousmane", "Aïssata",
    "Ibrahim", "Kadiatou", "Souleymane", "Hawa", "Mahamadou", "Oumou", "Abdoulaye", "Djénéba",
    "Cheick", "Rokia", "Modibo", "Salif", "Adama", "Awa", "Hamidou", "Nana", "Jean", "Claire",
    "Pierre", "Sophie", "Michael", "Sarah", "David", "Anna", "Thomas", "Laura", "Yves",
    "Hélène", "Idrissa", "Zeinab", "Mohamed", "Fanta",
]
LAST_NAMES = [
    "Traoré", "Coulibaly", "Diarra", "Keïta", "Touré", "Cissé", "Sangaré", "Maïga", "Diallo",
    "Sidibé", "Konaté", "Dembélé", "Ag Intalla", "Ould Sidi", "Sow", "Ba", "Kane", "Sylla",
    "Barry", "Camara", "Doumbia", "Haïdara", "Tall", "Issoufou", "Bazoum", "Ouédraogo",
    "Kaboré", "Zongo", "Déby", "Mahamat", "Dupont", "Martin", "Moreau", "Bernard", "Miller",
    "Walker", "Jansen", "Lindqvist", "Schneider", "Rossi",
]

# Narrower topics, by the slug of the seed topic they sit under.
TOPIC_NAMES = {
    "security": [
        "Border security", "Armed drones", "Improvised explosive devices", "Militias",
        "Arms trafficking", "Kidnapping", "Private military companies", "Policing",
        "Security sector reform", "Disarmament and demobilisation", "Intelligence sharing",
        "Civilian casualties", "Military bases",
    ],
    "governance": [
        "Elections", "Constitutional reform", "Decentralisation", "Justice and the courts",
        "Public finance", "Traditional authorities", "Press freedom", "Civil society",
        "Political parties", "Sanctions", "Transitional justice", "Local government",
    ],
    "humanitarian-crises": [
        "Drought", "Floods", "Epidemics", "Malnutrition", "Humanitarian access",
        "Internally displaced people", "Refugee camps", "Aid funding", "Child protection",
        "Gender-based violence",
    ],
    "development-and-aid": [
        "Agriculture", "Pastoralism", "Gold mining", "Oil and gas", "Infrastructure",
        "Education", "Public health", "Electricity", "Microfinance", "Remittances",
        "Debt relief", "Climate adaptation", "Water and sanitation",
    ],
    "diplomacy": [
        "Regional mediation", "Bilateral relations", "UN mandates", "Peace talks",
        "Foreign military presence", "Migration policy", "Trade agreements", "Summits",
        "Hostage negotiations",
    ],
}

OPERATION_WORDS = [
    "Épervier", "Sabre", "Takuba", "Dune", "Harmattan", "Acacia", "Baobab", "Tamarind",
    "Sirocco", "Gazelle", "Falcon", "Sentinel", "Oasis", "Mirage", "Atlas", "Caravan",
    "Horizon", "Compass", "Lantern", "Anvil", "Keystone", "Meridian", "Sandstorm", "Nomad",
    "Citadel", "Trident", "Beacon", "Kestrel",
]
PROGRAMME_SUBJECTS = [
    "Border Resilience", "Community Policing", "Rural Electrification", "Youth Employment",
    "Justice Sector Support", "Counter-IED Training", "Water Access", "Food Assistance",
    "Local Governance", "Disarmament", "Maritime Security", "Peace Dividend",
    "Stabilisation", "Education in Emergencies", "Livestock Health",
]

TAG_QUALIFIERS = [
    "rural", "urban", "northern", "southern", "central", "cross-border", "regional",
    "local", "national", "international", "military", "civilian", "economic", "political",
    "religious", "ethnic", "seasonal", "informal", "community", "youth", "women's",
    "donor", "UN", "EU", "French", "U.S.", "Russian", "Chinese", "Algerian", "Malian",
    "Nigerien", "Burkinabè", "Chadian", "Mauritanian", "Senegalese", "jihadist", "Tuareg",
    "Fulani", "Dogon", "Arab", "Songhai", "Bambara", "desert", "river", "lake", "mining",
    "oil", "aid", "refugee", "election",
]
TAG_SUBJECTS = [
    "security", "elections", "aid", "trade", "mining", "farming", "herding", "schools",
    "health", "roads", "markets", "courts", "police", "militias", "drones", "sanctions",
    "talks", "ceasefire", "displacement", "drought", "floods", "prices", "budgets",
    "debt", "corruption", "protests", "media", "radio", "migration", "smuggling",
    "kidnappings", "hostages", "bases", "patrols", "convoys", "landmines", "clinics",
    "water", "fuel", "power", "telecoms", "banks", "customs", "borders",
]

VERBS = [
    "weighs", "rejects", "backs", "questions", "expands", "suspends", "reviews", "renews",
    "challenges", "welcomes", "delays", "announces", "ends", "funds", "warns over",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]

# Sentences with slots filled from the article's own terms, so that each
# article's text names what it is classified under (search finds it).
TEMPLATES = [
    "Officials in {place} said on {weekday} that {topic_lc} would dominate the coming months.",
    "{person} told reporters that {org} was ready to discuss {topic_lc} with all parties.",
    "The decision by {org} to review its presence in {place} surprised many observers.",
    "Residents of {place} describe a daily life shaped by {topic_lc} and uncertainty.",
    "Analysts link the shift to {operation}, which changed the balance of forces around {place}.",
    "{org} has repeatedly warned that {topic_lc} in {place} could spread across borders.",
    "According to {person}, the situation in {place} is more fragile than it appears.",
    "Diplomats from {org} met in {place} to prepare a new round of talks.",
    "The budget for {operation} was cut last year, a move criticised by {person}.",
    "Local leaders in {place} want {org} to consult them before any new initiative.",
    "Critics argue that {topic_lc} has received too little attention from {org}.",
    "A report published by {org} counts more than {number} incidents in {place} this year.",
    "{person} visited {place} in {month}, the first such visit in {small} years.",
    "Since {operation} began, {topic_lc} has become the main concern of donors in {place}.",
    "Few expect {org} to change course before the end of {month}.",
]

TITLE_TEMPLATES = [
    "{place}: {topic} at a crossroads",
    "{org} {verb} plans for {place}",
    "What {operation} means for {place}",
    "{person} and the politics of {topic_lc}",
    "In {place}, {topic_lc} tests {org}",
    "{topic} in {place}: five questions",
    "Why {org} {verb} its approach to {topic_lc}",
    "{place} after {operation}",
    "{person} {verb} {org} on {topic_lc}",
    "The long road to {topic_lc} in {place}",
]

HEADINGS = [
    "Background", "What happened", "The regional picture", "Reactions", "What comes next",
    "The numbers", "A fragile balance", "Voices from the ground", "The international response",
    "Looking ahead", "Key questions", "Context",
]
CREDITS = [
    "UN Photo/Marco Dormino", "MINUSMA/Harandane Dicko", "UN Photo/Sylvain Liechti",
    "Staff photographer", "MINUSMA/Sylvain Liechti", "Reuters", "AFP",
]
# fmt: on
