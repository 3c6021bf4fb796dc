-- Reminders to deliver: event reminders (at start_at - reminder_minutes) and budget
-- alerts (once per category per month, when spending reaches the alert threshold).
--
-- Rows are written by triggers in the same transaction as the change that causes them,
-- so every writer (the tools, the REST routes, anything else) schedules, reschedules and
-- cancels reminders without knowing about them. A worker relays 'scheduled' rows into
-- background jobs (status 'queued'), and the job marks the row 'delivered'.
CREATE TABLE reminders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('event', 'budget')),
    entity_id uuid NOT NULL,  -- the event, or the budget
    period text NOT NULL DEFAULT '' CHECK (char_length(period) <= 7),  -- budget: 'YYYY-MM'
    due_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'queued', 'delivered')),
    job_id bigint,  -- the background job that will deliver it
    delivery text CHECK (delivery IN ('socket', 'thread', 'skipped')),
    delivered_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, entity_id, period)
);
CREATE INDEX reminders_to_relay ON reminders (due_at) WHERE status = 'scheduled';
CREATE INDEX reminders_user ON reminders (user_id, due_at DESC);

-- Users (pam_app) see and change only their own rows. Not FORCEd: the worker's relay
-- reads every user's scheduled rows as the table owner; delivery itself runs scoped.
ALTER TABLE reminders ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON reminders
    USING (user_id = pam_user_id()) WITH CHECK (user_id = pam_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON reminders TO pam_app;

-- An event with reminder_minutes in the future gets one reminder; moving it reschedules
-- (a delivered reminder fires again for the new time); clearing it or deleting the event
-- cancels what has not been delivered.
CREATE FUNCTION pam_event_reminder() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM reminders WHERE kind = 'event' AND entity_id = OLD.id;
        RETURN OLD;
    END IF;
    IF NEW.reminder_minutes IS NULL OR NEW.start_at <= now() THEN
        DELETE FROM reminders
         WHERE kind = 'event' AND entity_id = NEW.id AND status <> 'delivered';
        RETURN NEW;
    END IF;
    INSERT INTO reminders (user_id, kind, entity_id, due_at)
    VALUES (NEW.user_id, 'event', NEW.id,
            NEW.start_at - make_interval(mins => NEW.reminder_minutes))
    ON CONFLICT (kind, entity_id, period) DO UPDATE
        SET due_at = excluded.due_at, status = 'scheduled', delivery = NULL,
            delivered_at = NULL
        WHERE reminders.due_at IS DISTINCT FROM excluded.due_at;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_reminder
    AFTER INSERT OR UPDATE OF start_at, reminder_minutes OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION pam_event_reminder();

-- Spending in the profile currency (budgets are in it) that reaches the category's
-- alert threshold for the expense's month queues one alert for that month; the UNIQUE
-- key makes it once, whatever the number of expenses and concurrent writers.
CREATE FUNCTION pam_budget_alert() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    budget record;
    home text;
    month_start date := date_trunc('month', NEW.date)::date;
    spent numeric;
BEGIN
    SELECT id, monthly_limit, alert_threshold INTO budget
      FROM budgets WHERE user_id = NEW.user_id AND category = NEW.category;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    home := coalesce((SELECT currency FROM profiles WHERE user_id = NEW.user_id), 'AUD');
    IF NEW.currency <> home THEN
        RETURN NEW;
    END IF;
    SELECT coalesce(sum(amount), 0) INTO spent
      FROM expenses
     WHERE user_id = NEW.user_id AND category = NEW.category AND currency = home
       AND date >= month_start AND date < (month_start + interval '1 month')::date;
    IF spent >= budget.monthly_limit * budget.alert_threshold THEN
        INSERT INTO reminders (user_id, kind, entity_id, period, due_at)
        VALUES (NEW.user_id, 'budget', budget.id, to_char(month_start, 'YYYY-MM'), now())
        ON CONFLICT (kind, entity_id, period) DO NOTHING;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER expenses_budget_alert
    AFTER INSERT OR UPDATE OF amount, category, date, currency ON expenses
    FOR EACH ROW EXECUTE FUNCTION pam_budget_alert();
