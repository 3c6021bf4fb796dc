-- Every resource of TOOLS.md. Constraints live here as well as in the pydantic models:
-- the database is the last line, whatever code path writes.

CREATE TABLE users (
    id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE profiles (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    display_name text CHECK (char_length(display_name) BETWEEN 1 AND 100),
    home_base text CHECK (char_length(home_base) <= 200),
    currency char(3) NOT NULL DEFAULT 'AUD' CHECK (currency ~ '^[A-Z]{3}$'),
    units text NOT NULL DEFAULT 'metric' CHECK (units IN ('metric', 'imperial')),
    timezone text NOT NULL DEFAULT 'Australia/Sydney' CHECK (char_length(timezone) <= 64),
    travel_style text CHECK (char_length(travel_style) <= 200),
    pets text CHECK (char_length(pets) <= 200),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vehicles (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    make text CHECK (char_length(make) <= 100),
    model text CHECK (char_length(model) <= 100),
    year integer CHECK (year BETWEEN 1900 AND 2100),
    fuel_type text CHECK (fuel_type IN ('diesel', 'petrol', 'lpg', 'electric')),
    tank_litres numeric(7, 2) CHECK (tank_litres > 0 AND tank_litres <= 2000),
    consumption_l_per_100km numeric(5, 2)
        CHECK (consumption_l_per_100km > 0 AND consumption_l_per_100km <= 100),
    is_default boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX vehicles_user_name ON vehicles (user_id, lower(name));
CREATE UNIQUE INDEX vehicles_one_default ON vehicles (user_id) WHERE is_default;

CREATE TABLE expenses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0 AND amount < 10000000),
    currency char(3) NOT NULL DEFAULT 'AUD' CHECK (currency ~ '^[A-Z]{3}$'),
    category text NOT NULL CHECK (category IN (
        'fuel', 'food', 'groceries', 'camping', 'maintenance', 'insurance', 'registration',
        'repairs', 'entertainment', 'shopping', 'health', 'phone_internet', 'gas_lpg', 'other')),
    description text CHECK (char_length(description) <= 500),
    date date NOT NULL CHECK (date >= DATE '1970-01-01'),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX expenses_user_date ON expenses (user_id, date DESC, created_at DESC);

CREATE TABLE incomes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0 AND amount < 10000000),
    currency char(3) NOT NULL DEFAULT 'AUD' CHECK (currency ~ '^[A-Z]{3}$'),
    source text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 200),
    description text CHECK (char_length(description) <= 500),
    date date NOT NULL CHECK (date >= DATE '1970-01-01'),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incomes_user_date ON incomes (user_id, date DESC);

CREATE TABLE budgets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category text NOT NULL CHECK (category IN (
        'fuel', 'food', 'groceries', 'camping', 'maintenance', 'insurance', 'registration',
        'repairs', 'entertainment', 'shopping', 'health', 'phone_internet', 'gas_lpg', 'other')),
    monthly_limit numeric(12, 2) NOT NULL CHECK (monthly_limit > 0),
    alert_threshold numeric(3, 2) NOT NULL DEFAULT 0.80
        CHECK (alert_threshold >= 0 AND alert_threshold <= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, category)
);

CREATE TABLE fuel_logs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE SET NULL,
    expense_id uuid REFERENCES expenses (id) ON DELETE SET NULL,
    date date NOT NULL CHECK (date >= DATE '1970-01-01'),
    litres numeric(8, 2) NOT NULL CHECK (litres > 0 AND litres <= 2000),
    price_per_litre numeric(7, 3) CHECK (price_per_litre > 0 AND price_per_litre < 100),
    total_cost numeric(10, 2) CHECK (total_cost > 0),
    odometer_km numeric(9, 1) CHECK (odometer_km >= 0 AND odometer_km < 10000000),
    location text CHECK (char_length(location) <= 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fuel_logs_user_date ON fuel_logs (user_id, date DESC);

CREATE TABLE maintenance (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE SET NULL,
    expense_id uuid REFERENCES expenses (id) ON DELETE SET NULL,
    item text NOT NULL CHECK (char_length(item) BETWEEN 1 AND 200),
    date date NOT NULL CHECK (date >= DATE '1970-01-01'),
    odometer_km numeric(9, 1) CHECK (odometer_km >= 0 AND odometer_km < 10000000),
    cost numeric(10, 2) CHECK (cost > 0),
    next_due_km numeric(9, 1) CHECK (next_due_km >= 0 AND next_due_km < 10000000),
    next_due_date date,
    notes text CHECK (char_length(notes) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX maintenance_user_date ON maintenance (user_id, date DESC);

CREATE TABLE trips (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE SET NULL,
    origin text NOT NULL CHECK (char_length(origin) BETWEEN 1 AND 200),
    destination text NOT NULL CHECK (char_length(destination) BETWEEN 1 AND 200),
    start_date date,
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'done')),
    distance_km numeric(9, 1) NOT NULL CHECK (distance_km >= 0),
    driving_hours numeric(7, 2) NOT NULL CHECK (driving_hours >= 0),
    fuel_litres numeric(9, 2) CHECK (fuel_litres >= 0),
    fuel_cost numeric(10, 2) CHECK (fuel_cost >= 0),
    distance_source text NOT NULL CHECK (distance_source IN ('routing', 'estimate')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trip_stops (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trip_id uuid NOT NULL REFERENCES trips (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position smallint NOT NULL CHECK (position >= 0),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    leg_km numeric(9, 1) CHECK (leg_km >= 0),
    leg_hours numeric(7, 2) CHECK (leg_hours >= 0),
    leg_litres numeric(9, 2) CHECK (leg_litres >= 0),
    leg_cost numeric(10, 2) CHECK (leg_cost >= 0),
    UNIQUE (trip_id, position)
);

CREATE TABLE places (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN (
        'campsite', 'dump_point', 'water', 'fuel', 'mechanic', 'shop', 'other')),
    location text NOT NULL CHECK (char_length(location) BETWEEN 1 AND 200),
    lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    notes text CHECK (char_length(notes) <= 1000),
    rating smallint CHECK (rating BETWEEN 1 AND 5),
    shared boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX places_shared ON places (shared) WHERE shared;

CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    start_at timestamptz NOT NULL,
    end_at timestamptz,
    all_day boolean NOT NULL DEFAULT false,
    location text CHECK (char_length(location) <= 200),
    reminder_minutes integer CHECK (reminder_minutes BETWEEN 0 AND 40320),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (end_at IS NULL OR end_at >= start_at)
);
CREATE INDEX events_user_start ON events (user_id, start_at);

CREATE TABLE tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    due_date date,
    priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    completed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'done') = (completed_at IS NOT NULL))
);

CREATE TABLE pantry_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    quantity numeric(10, 2) CHECK (quantity > 0),
    unit text CHECK (char_length(unit) <= 20),
    expiry_date date,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shopping_list_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    checked boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memories (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    note text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE groups (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description text CHECK (char_length(description) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX groups_name ON groups (lower(name));

CREATE TABLE group_members (
    group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE posts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_name text CHECK (char_length(author_name) <= 100),
    group_id uuid REFERENCES groups (id) ON DELETE CASCADE,
    content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 5000),
    visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'group')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (visibility = 'public' OR group_id IS NOT NULL)
);
CREATE INDEX posts_created ON posts (created_at DESC);

CREATE TABLE comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE post_likes (
    post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE chat_threads (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title text CHECK (char_length(title) <= 200),
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_threads_user_updated ON chat_threads (user_id, updated_at DESC);
