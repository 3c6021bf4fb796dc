-- A place the map cannot find ("the free camp at Lake Ballard", a bay the gazetteer lacks)
-- is still kept, as the traveller said it, with no point: save_place stores lat/lon NULL
-- (tools/wheels/places.py). Such a place shows in no search by distance. Both or neither.
ALTER TABLE places
    ALTER COLUMN lat DROP NOT NULL,
    ALTER COLUMN lon DROP NOT NULL,
    ADD CONSTRAINT places_point_whole CHECK ((lat IS NULL) = (lon IS NULL));
