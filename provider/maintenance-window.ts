// The disruption guard's time windows. Deactivating a connector stops call routing for every flow that
// uses it, and the product recommends doing it outside business hours; wxcc:maintenanceWindow lets a stack
// say when that is, so a disruptive change planned at the wrong time fails in preview instead of at 10am.
//
// Format: one or more windows separated by ";", each "[days] HH:MM-HH:MM [time zone]":
//   "Sat,Sun 00:00-06:00 Europe/Berlin"   weekends, 0-6am Berlin time
//   "Mon-Fri 22:00-05:00 America/New_York" weeknights; an end at or before the start runs past midnight
//   "02:00-04:00"                          every day, UTC
// Days are three-letter English names (any case), single or as ranges; omitted means every day. A window
// that runs past midnight belongs to the day it starts on. The end is exclusive; 24:00 ends at midnight.

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const DISPLAY_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

export interface Window {
  /** Days the window starts on, 0 = Sunday. */
  days: ReadonlySet<number>;
  /** Minutes after midnight, local to timeZone. */
  start: number;
  end: number;
  timeZone: string;
}

export interface MaintenanceWindow {
  /** The text it was parsed from, for messages. */
  text: string;
  windows: readonly Window[];
}

export class MaintenanceWindowFormatError extends Error {
  override readonly name = "MaintenanceWindowFormatError";
}

const FORMAT_HINT =
  'Use "[days] HH:MM-HH:MM [time zone]", e.g. "Sat,Sun 00:00-06:00 Europe/Berlin"; separate several windows with ";".';

export function parseMaintenanceWindow(text: string): MaintenanceWindow {
  const parts = text
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (parts.length === 0)
    throw new MaintenanceWindowFormatError(`The maintenance window is empty. ${FORMAT_HINT}`);
  return { text: text.trim(), windows: parts.map(parseWindow) };
}

function parseWindow(text: string): Window {
  const tokens = text.split(/\s+/);
  const timeIndex = tokens.findIndex((token) => /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/.test(token));
  if (timeIndex < 0) {
    throw new MaintenanceWindowFormatError(`"${text}" has no time range such as 00:00-06:00. ${FORMAT_HINT}`);
  }
  if (timeIndex > 1 || tokens.length > timeIndex + 2) {
    throw new MaintenanceWindowFormatError(`"${text}" has unexpected words. ${FORMAT_HINT}`);
  }
  const days = timeIndex === 1 ? parseDays(tokens[0], text) : new Set([0, 1, 2, 3, 4, 5, 6]);
  const [startText, endText] = tokens[timeIndex].split("-");
  const start = parseTime(startText, text, false);
  const end = parseTime(endText, text, true);
  if (start === end) {
    throw new MaintenanceWindowFormatError(
      `"${text}" starts and ends at the same time; for a whole day write 00:00-24:00.`,
    );
  }
  const timeZone = tokens[timeIndex + 1] ?? "UTC";
  if (!isTimeZone(timeZone)) {
    throw new MaintenanceWindowFormatError(
      `"${timeZone}" in "${text}" is not a time zone Intl knows: use an IANA name such as Europe/Berlin or UTC.`,
    );
  }
  return { days, start, end, timeZone };
}

function parseDays(text: string, window: string): Set<number> {
  const days = new Set<number>();
  for (const item of text.split(",")) {
    const [from, to] = item.split("-").map((name) => dayIndex(name, window));
    if (to === undefined) {
      days.add(from);
      continue;
    }
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  return days;
}

function dayIndex(name: string, window: string): number {
  const index = DAY_NAMES.indexOf(name.toLowerCase() as (typeof DAY_NAMES)[number]);
  if (index < 0) {
    throw new MaintenanceWindowFormatError(
      `"${name}" in "${window}" is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, lists (Sat,Sun) or ranges (Mon-Fri).`,
    );
  }
  return index;
}

function parseTime(text: string, window: string, isEnd: boolean): number {
  const [hours, minutes] = text.split(":").map(Number);
  const valid = minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
  if (!valid) {
    throw new MaintenanceWindowFormatError(`"${text}" in "${window}" is not a time between 00:00 and 24:00.`);
  }
  return hours * 60 + minutes;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  day: number;
  minutes: number;
}

function localTime(now: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  const day = DAY_NAMES.indexOf(get("weekday").toLowerCase() as (typeof DAY_NAMES)[number]);
  return { day, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

function windowContains(window: Window, now: Date): boolean {
  const { day, minutes } = localTime(now, window.timeZone);
  if (window.start < window.end) {
    return window.days.has(day) && minutes >= window.start && minutes < window.end;
  }
  const yesterday = (day + 6) % 7;
  return (
    (window.days.has(day) && minutes >= window.start) || (window.days.has(yesterday) && minutes < window.end)
  );
}

export function isWithin(window: MaintenanceWindow, now: Date): boolean {
  return window.windows.some((w) => windowContains(w, now));
}

/** "Tue 14:03 Europe/Berlin": the current time where the (first) window is defined, for messages. */
export function describeNow(window: MaintenanceWindow, now: Date): string {
  const timeZone = window.windows[0]?.timeZone ?? "UTC";
  const { day, minutes } = localTime(now, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${DISPLAY_DAYS[day]} ${hh}:${mm} ${timeZone}`;
}
