"""Trigger phrases of the wheels tools: (tool, score, pattern), see triggers.py."""

from __future__ import annotations

VEHICLE = (
    r"vehicle|car|ute|van|truck|motorhome|motor home|campervan|camper|rig|4wd|4x4|wagon|bus"
    r"|troopy|tow vehicle|land ?cruiser|hilux|ranger|patrol|pajero|prado|everest|d-?max|bt-?50"
    r"|navara|triton|sprinter|ducato|hiace|coaster|transit|jayco|winnebago|rv|caravan|trailer"
)
EMPTY = r"empty (?:the |our )?(?:toilet|cassette|loo|dunny|black ?water|grey ?water|tanks?)"
PLACE_KIND = (
    r"dump points?|dump stations?|dump spots?|dumps?|campsites?|camp sites?|camps?|camping spots?"
    r"|free ?camps?|places to (?:camp|stay)|camp ?grounds?|water|water points?|taps?|mechanics?"
    r"|fuel stations?|fuel stops?|servos?|shops?|places|spots|caravan parks?|rest areas?|stops?"
    rf"|{EMPTY}|toilet cassettes?"
)
_FUELS = r"diesel|petrol|fuel|unleaded|gas"
_STATS = r"economy|consumption|usage|use|stats|statistics|efficiency|figures|history|average"
_FIND = r"find|any|where(?:'s| is| are| can| do)?|show(?: me)?|search|look(?:ing)? for|nearest"
_FIND += r"|closest|recommend|know of|are there|is there|need|got"
_SPOTS = r"dump points?|dump stations?|free ?camps?|campsites?|camp ?grounds?|mechanics?|water"
_DUE = r"due|coming up|upcoming|overdue"
_NEAR = r"near|around|close to|in|at|by|within|nearby"
_NEAR += r"|(?:k|kms?|kilomet(?:re|er)s?|miles?|mi) (?:from|of|out of)"  # "less than 15 km from X"
_WEATHER = r"weather|forecast|rain|raining|rainy|temperature|temp|temps|windy|storms?|sunny"
_WEATHER2 = r"cyclone|heatwave|degrees|humid|frost|snow|flood(?:ing)?|uv|wind"
_SAVE = r"save|saving|bookmark|pin|store"
# Asked or ahead of time: a question opener or mark, a day or time still to come, or a
# condition named first ("rain in Katherine", "uv index Cairns"). Read from the start
# only: tried at every position, the lookahead would read a long message n times.
_AHEAD = (
    r"^(?=.*\?|\W*(?:\w+\W+){0,3}?(?:what|what's|whats|how|how's|is|are|will|any|do|does"
    r"|should|gonna|going)\b|.*\b(?:will|gonna|going to|expect\w*|tomorrow|tonight|today"
    r"|this (?:arvo|afternoon|morning|evening|week|weekend)|next \w+|on (?:the )?weekend|mon"
    r"|tues?|wed|thu(?:rs)?|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day|later"
    rf"|coming|forecast|check)\b|\W*(?:\w+\W+)?(?:{_WEATHER}|{_WEATHER2})\b)"
)
_DONE = r"done|complete\w*|finished|ticked|sorted"
_NAMED_VEHICLES = r"car|ute|vehicle|truck|4wd|4x4|tow vehicle|motorhome|campervan|wagon"
_AS_KIND = r"campsite|dump point|water|fuel|mechanic|shop|camp|free camp"
_TYRES = r"tyres?|tires?|tyre pressures?|tire pressures?|pressures?"
_PRESSURE = r"\d{1,4}(?:\.\d{1,2})?\s*(?:psi|kpa|bar)\b"

WHEELS: list[tuple[str, int, str]] = [
    ("fuel_stats", 8, rf"\bfuel (?:{_STATS})\b|\bfuel (?:used|burnt|burned)\b"),
    ("fuel_stats", 8, r"\bl/100|\blitres per 100\b|\bhow much fuel\b|\beconomy\b|\bconsumption\b"),
    ("fuel_stats", 8, r"\bmpg\b|\bhow (?:thirsty|economical)\b|\baverage (?:fuel )?price\b"),
    # "what we've been averaging on fuel", "the diesel we average": economy asked of a fuel
    (
        "fuel_stats",
        8,
        rf"\baverag(?:e|es|ing|ed)\b(?:\s+(?:on|for|in|with))?(?:\s+(?:the|our|my))?"
        rf"\s+(?:{_FUELS})\b|\b(?:{_FUELS})\s+(?:(?:i|we|she|it|the \w+)\s+)?(?:'?ve\s+)?"
        r"(?:been\s+)?averag(?:e|es|ing|ed)\b",
    ),
    # a vehicle that drinks: "what the old girl has been drinking", "is the van guzzling it"
    (
        "fuel_stats",
        8,
        r"\b(?:old girl|old bus|she|her|the (?:van|truck|ute|car|rig|bus|motorhome|camper|beast"
        r"|cruiser|troopy|wagon|4wd|4x4))\b.{0,25}\b(?:drinking|guzzling|guzzle|drinks|sucking"
        r"|thirstier|thirsty)\b",
    ),
    (
        "fuel_stats",
        8,
        r"\bhow many (?:litres|liters|l)\b|\b(?:gone|go|went) through\b.{0,15}\b(?:litres|fuel)",
    ),
    ("fuel_stats", 8, r"\bcost per k(?:m|ilomet)|\bper (?:km|kilomet\w+)\b"),
    # economy said by its unit: "what's that per 100 k?", "how many per hundred km"
    (
        "fuel_stats",
        8,
        r"\b(?:per|every) (?:100|a hundred|one hundred|hundred)\s*(?:k|ks|km|kms"
        r"|kilomet\w+|clicks)(?![\w/])",
    ),
    (
        "fuel_stats",
        8,
        r"\bhow (?:far|many k\w*) (?:have|did) (?:i|we) (?:driven|drive|travelled|gone)",
    ),
    (
        "fuel_stats",
        8,
        rf"\bhow much (?:{_FUELS}) (?:have|did|do) (?:i|we) (?:buy|bought|use|used|get)",
    ),
    # (the vehicle is what is added, not what money was for: "add 20 for the car wash",
    # nor a word naming something of it: "the car park", "the van insurance")
    (
        "add_vehicle",
        8,
        rf"\b(?:add|register|save)\b(?:(?!\b(?:for|on|towards|at)\b).){{0,20}}\b(?:{VEHICLE})\b"
        r"(?!\s+(?:wash|park|parking|hire|insurance|rego|registration|service|servicing|parts?"
        r"|battery|keys?|loan|payment|repayment|seats?|charger|fridge|cover|mats?|wax|detail))",
    ),
    ("add_vehicle", 9, r"\b(?:to|on|onto|in|into) (?:my|our|the) (?:vehicles|garage|fleet)\b"),
    # a vehicle's spec sheet after "add": its model year and its tank or its economy ("add
    # the quad as 'Mud Pig', 2019 Yamaha, 12 L tank", "new one: 2015 Vespa, 2.9 L/100km") —
    # litres of a tank's size or a rate are no fill
    (
        "add_vehicle",
        10,
        r"^\W*(?:(?:please|pls|can you|could you|and|also)\s+)*(?:add|register|new (?:one|vehicle))"
        r"\b.{0,60}?\b(?:19[5-9]\d|20[0-4]\d)\b"
        r"(?=.{0,80}?(?:\b\d+(?:\.\d+)?\s*(?:l|litres?|liters?)\s+tank\b|\bl\s*/\s*100))",
    ),
    (
        "add_vehicle",
        9,
        rf"\b(?:add|register) (?:my|our|a|the) (?:new |second |other |another |\d{{4}} )?"
        rf"(?:{_NAMED_VEHICLES})\b",
    ),
    ("add_vehicle", 8, rf"\b(?:got|bought|have|picked up) (?:a|our|my) new (?:{VEHICLE})\b"),
    ("add_vehicle", 8, r"\bmy (?:vehicle|car|ute|van|truck|rig|motorhome) is (?:a|an)\b"),
    ("add_vehicle", 8, r"\b(?:add|register) (?:my|our|a|the) \w+,? (?:an? |the )?(?:19|20)\d\d\b"),
    # ("done the brake service, $300, next due in 6 months": the due date of work done)
    (
        "maintenance_due",
        8,
        rf"\b(?:maintenance|servic\w*|oil change)\b.{{0,25}}(?<!\bnext )(?<!\bnext one )"
        rf"(?<!\bnext one is )(?<!\bnext is )\b(?:{_DUE})\b",
    ),
    ("maintenance_due", 8, r"\b(?:due|overdue)\b.{0,25}\b(?:maintenance|servic\w*)\b"),
    ("maintenance_due", 8, r"\bwhat(?:'s| is) due\b|\banything due\b|\bdue for (?:a )?service\b"),
    ("maintenance_due", 8, r"\bwhen(?:'s| is) (?:the|my|our) next service\b|\bwhat needs doing\b"),
    ("log_tyre_pressures", 10, rf"\b(?:{_TYRES})\b.{{0,60}}\b{_PRESSURE}"),
    ("log_tyre_pressures", 10, rf"\b{_PRESSURE}.{{0,30}}\b(?:{_TYRES}|all round|all around)\b"),
    ("log_tyre_pressures", 9, r"\b\d{1,4}(?:\.\d{1,2})?\s*(?:psi|kpa)\b"),
    ("log_tyre_pressures", 9, r"\b(?:fl|fr|rl|rr)\s*:?\s*\d{2,3}\b.{0,20}\b(?:fl|fr|rl|rr)\b"),
    ("log_tyre_pressures", 9, r"\baired (?:down|up)\b.{0,30}\d"),
    ("log_tyre_pressures", 10, rf"\b(?:{_TYRES})\b.{{0,60}}\b(?:psi|kpa)\b"),
    ("log_tyre_pressures", 9, r"\b(?:log|record|enter)\b.{0,15}\b(?:tyre|tire) pressures?\b"),
    ("log_tyre_pressures", 8, r"\b(?:front|rear|back) (?:left|right)\b.{0,25}\b\d{2,3}\b"),
    (
        "tyre_pressure_history",
        10,
        rf"\b(?:{_TYRES})\b.{{0,25}}\b(?:history|readings|so far)\b"
        rf"|\b(?:history|readings)\b.{{0,25}}\b(?:{_TYRES})\b",
    ),
    # what the tyres read, said as a question ("what did the tyres read last time?")
    (
        "tyre_pressure_history",
        9,
        rf"\bwhat\b.{{0,20}}\b(?:{_TYRES})\b.{{0,20}}\b(?:read|reading|sitting at|at)\b"
        r"(?!.{0,40}\d)",
    ),
    (
        "tyre_pressure_history",
        9,
        rf"\b(?:show|see|list (?:my|our|the|all)|what (?:are|were)|how are)\b.{{0,25}}"
        rf"\b(?:{_TYRES})\b(?!.{{0,60}}\d)",
    ),
    ("list_trips", 7, r"\b(?:show|list|see|view|what are|any|check)\b.{0,20}\btrips\b"),
    ("list_trips", 7, r"\bmy (?:planned |upcoming |past |saved |)trips\b"),
    ("list_trips", 7, r"\bwhat trips\b|\btrips (?:have|do|did) (?:i|we)\b|\bplanned trips\b"),
    ("list_trips", 7, r"\b(?:every|all|each) (?:of )?(?:my |our |the )?trips?\b"),
    ("list_trips", 7, r"\btrips? (?:i|we)(?:'ve| have)? (?:saved|planned|got planned)\b"),
    # the trips named as a list of their own: "what's on the trips list", "the trip list"
    ("list_trips", 9, r"\btrips? list\b(?!\s+(?:for|of)\b)"),
    (
        "weather_forecast",
        8,
        r"\b(?:weather|forecast|temperatures?|temps?|wx)\b|\bhow (?:hot|cold|warm)\b",
    ),
    # Conditions ("rain", "wind", "storms") are a forecast request only when asked or ahead
    # of time: "the awning flaps in the wind" and "rained all night" ask for nothing.
    ("weather_forecast", 8, rf"{_AHEAD}.*\b(?:{_WEATHER}|{_WEATHER2})\b"),
    ("weather_forecast", 8, r"\b(?:be|get|gets|getting|is it) (?:hot|cold|warm|wet|windy)\b"),
    ("save_place", 8, rf"\b(?:{_SAVE})\b.{{0,40}}\b(?:{PLACE_KIND}|place|location)\b"),
    # a spot to be kept by the words of keeping: "keep track of a good water tap at Derby",
    # "hang on to that free camp near Bourke for me" (a place of a kind, then where it is)
    (
        "save_place",
        8,
        r"\b(?:keep (?:track|a record|a note) of|hang on to|hold on to|keep hold of)\s+(?:a|an|the"
        rf"|this|that|our)\s+(?:[\w'-]+\s+){{0,2}}?(?:{PLACE_KIND})\s+(?:at|in|near|by|behind"
        r"|outside|on)\s+(?:the\s+)?(?-i:[A-Z])",
    ),
    # "pop this one down, there's a good mechanic in Horsham": a pointer, then the place
    (
        "save_place",
        8,
        r"\b(?:pop|put|jot|write|note|keep|take)\s+(?:this|that)(?: one)? down\b"
        rf".{{0,60}}\b(?:{PLACE_KIND})\b",
    ),
    # "add the dump point at Tocumwal"; a place described, then "could you save it?"
    (
        "save_place",
        8,
        rf"\b(?:add|keep|note)\s+(?:the|this|that|a|our)\s+(?:[\w-]+\s+)?(?:{PLACE_KIND})\s+"
        r"(?:at|in|near|on|behind|outside|by)\b",
    ),
    (
        "save_place",
        9,
        # (not "camp fees were AUD 45.00, add it": what was paid for the place)
        r"^(?!.*\b(?:fees?|paid|cost|charged)\b.*(?:[$£€]\s?\d|\b(?:aud|usd|cad|nzd|gbp|eur)\s?\d"
        r"|\d\.\d\d\b))"
        rf".*?\b(?:{PLACE_KIND})\b.{{0,300}}?\b(?:{_SAVE}|add|keep)\s+(?:it|that|this|that one"
        r"|this one)\b",
    ),
    # Which vehicles the user has: "which one's the default", "what cars have we got in here"
    (
        "list_vehicles",
        7,
        r"\b(?:default|main|primary) (?:one|car|vehicle|ute|rig|truck|van)\b|\b(?:list|show)\b"
        r".{0,10}\b(?:my|our) (?:vehicles|cars|rigs)\b|\bwhat (?:vehicles|cars|rigs) (?:do|have)"
        r" (?:i|we)\b",
    ),
    ("save_place", 8, rf"\bas a (?:{_AS_KIND})\b|\b(?:to|in) my (?:places|spots|saved places)\b"),
    ("save_place", 8, rf"\bmark\b(?!.*\b(?:{_DONE})\b).{{0,40}}\b(?:{PLACE_KIND})\b"),
    ("find_places", 8, rf"\b(?:{_FIND})\b.{{0,30}}\b(?:{PLACE_KIND})\b.{{0,40}}\b(?:{_NEAR})\b"),
    ("find_places", 8, r"\b(?:dump points?|dump stations?) (?:near|around|in)\b"),
    (
        "find_places",
        8,
        r"\b(?:people|others|everyone|anyone) (?:have |has )?(?:shared|saved|posted)"
        r" (?:around|near|in|at)\b",
    ),
    ("find_places", 8, r"\bwhat (?:have|did) (?:i|we) (?:got )?(?:saved|save|bookmarked)\b"),
    ("find_places", 8, r"\b(?:my|our) saved (?:places|spots)\b"),
    ("find_places", 7, rf"\b(?:{_FIND})\b.{{0,30}}\b(?:{_SPOTS})\b"),
    ("find_places", 7, rf"^(?:any |some )?(?:{_SPOTS})\b.{{0,30}}\b(?:near|around|within|of)\b"),
]
