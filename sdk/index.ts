export * from "./callcenter";
export * from "./connectors";
export * from "./desktop-layout";
