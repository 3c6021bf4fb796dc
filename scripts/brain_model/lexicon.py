"""Word lists the corpus generator fills its templates from: what travellers buy, where,
the towns they pass, how they say money, days and times. Kept apart from the brain's own
rule tables so the classifier learns from other words than the rules match."""

from __future__ import annotations

PURCHASES = {
    "fuel": ["diesel", "unleaded", "petrol", "a tank of diesel", "fuel", "u91", "premium"],
    "food": ["fish and chips", "a pie", "coffee", "two flat whites", "lunch", "a counter meal",
             "pizza", "a feed at the pub", "brekkie", "takeaway", "burgers", "a sausage roll"],
    "groceries": ["groceries", "the weekly shop", "milk and bread", "fruit and veg", "food shop",
                  "supplies", "stuff from Woolies", "Coles run", "IGA shop", "meat from the butcher"],
    "camping": ["the caravan park", "a powered site", "two nights camping", "site fees",
                "the campground", "a national park permit", "showers", "a camp fee"],
    "maintenance": ["an oil change", "new tyres", "a service", "wipers", "a new battery"],
    "repairs": ["fixing the windscreen", "a tow", "the puncture repair", "a new radiator hose"],
    "entertainment": ["movie tickets", "the museum", "a boat tour", "the pub trivia", "a gig"],
    "shopping": ["a new hat", "thongs", "a camp chair", "a jacket", "books", "an esky"],
    "health": ["the chemist", "the doctor", "physio", "sunscreen and panadol", "a script"],
    "phone_internet": ["phone credit", "the Telstra bill", "a data pack", "the Starlink bill"],
    "gas_lpg": ["a gas bottle", "a gas swap", "LPG", "a 9kg gas refill"],
    "insurance": ["van insurance", "car insurance", "the insurance premium"],
    "registration": ["rego", "the van rego", "registration", "the trailer rego"],
}
CATEGORY_WORDS = {
    "fuel": "fuel", "food": "food", "groceries": "groceries", "camping": "camping",
    "maintenance": "maintenance", "repairs": "repairs", "entertainment": "fun",
    "shopping": "shopping", "health": "health", "phone_internet": "phone",
    "gas_lpg": "gas", "insurance": "insurance", "registration": "rego",
}  # fmt: skip
SHOPS = ["Woolies", "Coles", "the servo", "Aldi", "Bunnings", "the bakery", "the IGA",
         "Kmart", "the pub", "BP", "Ampol", "the markets", "the roadhouse", "Foodworks"]
TOWNS = ["Broome", "Alice Springs", "Cairns", "Darwin", "Tamworth", "Dubbo", "Mildura",
         "Longreach", "Katherine", "Byron Bay", "Hobart", "Albany", "Esperance", "Exmouth",
         "Carnarvon", "Coober Pedy", "Port Augusta", "Bourke", "Roma", "Mackay", "Townsville",
         "Bundaberg", "Ballarat", "Bendigo", "Wagga Wagga", "Orange", "Mudgee", "Ceduna",
         "Kununurra", "Tennant Creek", "Mount Isa", "Charleville", "Geraldton", "Kalgoorlie",
         "Margaret River", "Adelaide", "Perth", "Brisbane", "Melbourne", "Sydney", "Canberra",
         "Birdsville", "Cooktown", "Noosa", "Port Macquarie", "Echuca", "Swan Hill"]
MONEY = ["${n}", "${n}.50", "{n} dollars", "{n} bucks", "${n}.95", "{n}", "${n}.20",
         "AUD {n}", "{w} dollars", "{w} bucks", "{w}", "${n}"]
NUMBER_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                "a hundred", "two hundred", "forty five", "sixty five", "ninety nine",
                "a hundred and twenty", "three fifty", "two grand", "a grand", "fifteen"]
DAYS = ["yesterday", "today", "on Monday", "last Tuesday", "on the 3rd", "this morning",
        "yesterday arvo", "on Friday", "last night", "on the weekend", "thurs", "on wed",
        "2 days ago", "last week", ""]
FUTURE_DAYS = ["tomorrow", "on Friday", "next Tuesday", "on the 14th", "this arvo",
               "Saturday", "next week", "on thurs", "in 3 days", "tues", "on the 2nd of May",
               "tomorrow arvo", "Sunday morning", "wed"]
TIMES = ["at 10", "at 2pm", "at 9:30am", "at 4 in the arvo", "at noon", "at 7.15",
         "at half past three", "first thing", ""]
EVENTS = ["dentist", "the vet for the dog", "a doctor's appointment", "dinner with Sue",
          "the physio", "a haircut", "drinks with the neighbours", "the ferry", "markets",
          "a service booking for the van", "lunch with Mum", "a video call with the kids",
          "the tour", "trivia night", "the campground check-in", "a flight to Perth"]
TASKS = ["call the insurance mob", "check the tyre pressures", "renew the rego",
         "email the caravan park", "fix the awning", "clean the van", "pay the phone bill",
         "ring Mum", "sort the photos", "book a service", "defrost the fridge",
         "replace the water filter", "post the letters"]
ITEMS = ["milk", "eggs", "bread", "butter", "teabags", "coffee", "sausages", "onions",
         "toilet paper", "sunscreen", "dishwashing liquid", "beer", "tomatoes", "snags",
         "bananas", "cheese", "rice", "pasta", "dog food", "ice"]
PANTRY = ["3 tins of tuna", "a bag of rice", "2 kg of flour", "a dozen eggs", "some pasta",
          "a jar of vegemite", "6 cans of beans", "a loaf of bread", "1 litre of milk"]
VEHICLES = ["the Cruiser", "the van", "the Hilux", "the Jayco", "the ute", "the Prado",
            "the Ranger", "the Tesla", "the bus", "the motorhome", "the Patrol"]
MAKES = ["Toyota LandCruiser", "Ford Ranger", "Isuzu D-Max", "Nissan Patrol", "Tesla Model Y",
         "Mitsubishi Triton", "Fiat Ducato", "BYD Atto 3", "Jayco Conquest", "Mazda BT-50"]
FUELS = ["diesel", "petrol", "electric", "LPG", "unleaded"]
MAINT = ["oil change", "new tyres", "brake pads", "a service", "wheel alignment",
         "new battery", "timing belt", "coolant flush", "air filter", "tyre rotation"]
PLACE_KINDS = ["campsite", "free camp", "dump point", "water tap", "mechanic", "servo",
               "rest area", "bush camp", "shop", "caravan park"]
GROUPS = ["Grey Nomads", "Lap of Oz", "Kimberley Crew", "Van Life WA", "Solo Travellers",
          "Dog Friendly Camping", "Tassie Tourers"]
POST_BODIES = ["the road into Karijini is open again", "great free camp by the river here",
               "anyone know a good mechanic in Katherine?", "sunset at Cable Beach was unreal",
               "heads up, the dump point at Roma is closed", "fuel is 2.10 at Coober Pedy",
               "we made it to the tip!", "looking for travel buddies heading north"]
NAMES = ["Jan", "Bev", "Dave", "Sue", "Kev", "Marg", "Trev", "Shaz", "Robbo"]
INCOME_SOURCES = ["the house-sit", "fruit picking", "the harvest job", "my pension",
                  "bar work", "the caretaking gig", "selling the old tent", "the super",
                  "casual work at the roadhouse", "cleaning cabins", "a refund"]
FILLERS = ["", "", "", "hey pam, ", "g'day, ", "pls ", "can you ", "mate ", "ok ", "righto, ",
           "could you ", "quick one, ", "hi, ", "oi pam "]
TAILS = ["", "", "", " thanks", " cheers", " ta", " pls", " mate", "?", ".", "!", " thx"]
