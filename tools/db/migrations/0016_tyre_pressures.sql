-- Tyre pressures, per vehicle: log_tyre_pressures and tyre_pressure_history.
-- Stored in kPa whatever unit the user gave (psi and bar are converted); two decimals
-- so a reading in psi reads back exactly. The spare is optional.
CREATE TABLE tyre_pressures (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    date date NOT NULL CHECK (date >= DATE '1970-01-01'),
    cold boolean NOT NULL DEFAULT false,
    front_left_kpa numeric(6, 2) NOT NULL CHECK (front_left_kpa > 0 AND front_left_kpa <= 1100),
    front_right_kpa numeric(6, 2) NOT NULL CHECK (front_right_kpa > 0 AND front_right_kpa <= 1100),
    rear_left_kpa numeric(6, 2) NOT NULL CHECK (rear_left_kpa > 0 AND rear_left_kpa <= 1100),
    rear_right_kpa numeric(6, 2) NOT NULL CHECK (rear_right_kpa > 0 AND rear_right_kpa <= 1100),
    spare_kpa numeric(6, 2) CHECK (spare_kpa > 0 AND spare_kpa <= 1100),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tyre_pressures_vehicle_date
    ON tyre_pressures (user_id, vehicle_id, date DESC, created_at DESC);

ALTER TABLE tyre_pressures ENABLE ROW LEVEL SECURITY;
ALTER TABLE tyre_pressures FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON tyre_pressures
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON tyre_pressures TO pam_app;
