-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'IMPORTANT_DATE_COMING';

-- The date's day of year (0-based, in the leap year 2000, so 29 February has its own day) minus
-- remindDaysBefore, i.e. about the day of year its reminder is due: the reminder scan
-- (server/src/features/customers/important-date.scan.ts) looks its candidates up by this value.
-- `make_date(2000, month, 1) + (day - 1)` never fails, even on a day the month does not have.
CREATE INDEX "ImportantDate_reminder_day_idx" ON "ImportantDate"
  (((make_date(2000, "month", 1) + ("day" - 1)) - DATE '2000-01-01' - "remindDaysBefore"));
