// The desktop-layout part of the emulator: the Configuration API's desktop-layout and team endpoints, and
// their control endpoints.
export { desktopLayoutControl } from "./control";
export { DesktopLayoutControl, type DesktopLayoutView, type TeamView } from "./control-client";
export { desktopLayoutRoute } from "./route";
