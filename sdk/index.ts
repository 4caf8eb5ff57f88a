export * from "./callcenter";
export * from "./connectors";
