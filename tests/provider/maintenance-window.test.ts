import { expect } from "chai";
import {
  describeNow,
  isWithin,
  MaintenanceWindowFormatError,
  parseMaintenanceWindow,
} from "../../provider/maintenance-window";

// 2025-11-22 is a Saturday.
const at = (iso: string) => new Date(iso);

describe("maintenance window", () => {
  it("parses days, times and an Intl time zone", () => {
    const window = parseMaintenanceWindow("Sat,Sun 00:00-06:00 Europe/Berlin");
    expect(window.windows).to.have.length(1);
    const [w] = window.windows;
    expect([...w.days].sort()).to.deep.equal([0, 6]);
    expect(w.start).to.equal(0);
    expect(w.end).to.equal(360);
    expect(w.timeZone).to.equal("Europe/Berlin");
  });

  it("evaluates in the window's time zone", () => {
    const window = parseMaintenanceWindow("Sat,Sun 00:00-06:00 Europe/Berlin");
    // 23:30 UTC on Friday is 00:30 Saturday in Berlin (CET, UTC+1).
    expect(isWithin(window, at("2025-11-21T23:30:00Z"))).to.equal(true);
    // 05:59 Berlin Saturday is inside; 06:00 is not (the end is exclusive).
    expect(isWithin(window, at("2025-11-22T04:59:00Z"))).to.equal(true);
    expect(isWithin(window, at("2025-11-22T05:00:00Z"))).to.equal(false);
    // Monday 01:00 Berlin is outside.
    expect(isWithin(window, at("2025-11-24T00:00:00Z"))).to.equal(false);
  });

  it("defaults to every day in UTC", () => {
    const window = parseMaintenanceWindow("02:00-04:00");
    expect(isWithin(window, at("2025-11-25T03:00:00Z"))).to.equal(true);
    expect(isWithin(window, at("2025-11-25T04:00:00Z"))).to.equal(false);
  });

  it("runs past midnight when the end is before the start, belonging to the start day", () => {
    const window = parseMaintenanceWindow("Fri 22:00-02:00 UTC");
    expect(isWithin(window, at("2025-11-21T23:00:00Z"))).to.equal(true); // Fri 23:00
    expect(isWithin(window, at("2025-11-22T01:00:00Z"))).to.equal(true); // Sat 01:00, started Friday
    expect(isWithin(window, at("2025-11-22T23:00:00Z"))).to.equal(false); // Sat 23:00
  });

  it("accepts day ranges (wrapping too), several windows, and 24:00", () => {
    const window = parseMaintenanceWindow("Mon-Fri 20:00-24:00 UTC; Sat-Mon 00:00-24:00 UTC");
    expect([...window.windows[0].days].sort()).to.deep.equal([1, 2, 3, 4, 5]);
    expect([...window.windows[1].days].sort()).to.deep.equal([0, 1, 6]);
    expect(isWithin(window, at("2025-11-25T21:00:00Z"))).to.equal(true); // Tue 21:00
    expect(isWithin(window, at("2025-11-25T12:00:00Z"))).to.equal(false); // Tue noon
    expect(isWithin(window, at("2025-11-23T12:00:00Z"))).to.equal(true); // Sun noon
  });

  it("describes the current time where the window is defined", () => {
    const window = parseMaintenanceWindow("Sat 00:00-06:00 America/New_York");
    expect(describeNow(window, at("2025-11-25T14:03:00Z"))).to.equal("Tue 09:03 America/New_York");
  });

  for (const [text, complaint] of [
    ["", /empty/],
    ["Sat,Sun", /no time range/],
    ["Sat 25:00-26:00", /not a time/],
    ["Sat 10:00-10:00", /same time/],
    ["Funday 00:00-06:00", /not a day/],
    ["Sat 00:00-06:00 Mars/Olympus", /not a time zone/],
    ["Sat 00:00-06:00 UTC extra", /unexpected words/],
  ] as const) {
    it(`rejects ${JSON.stringify(text)} with a message saying what is wrong`, () => {
      expect(() => parseMaintenanceWindow(text))
        .to.throw(MaintenanceWindowFormatError)
        .with.property("message")
        .that.matches(complaint);
    });
  }
});
